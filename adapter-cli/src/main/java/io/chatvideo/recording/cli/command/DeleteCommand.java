package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.client.RecordingsApi;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
    description = "Delete recordings you own (the video and its metadata).")
final class DeleteCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Parameters(arity = "1..*", paramLabel = "ID", description = "Recording ids.")
  List<String> ids;

  @Override
  public Integer call() {
    RecordingsApi client = api.connect();
    for (String id : ids) {
      client.delete(id);
      spec.commandLine().getOut().println("deleted " + id);
    }
    return 0;
  }
}
