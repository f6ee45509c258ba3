package io.chatvideo.recording.cli.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "unshare", mixinStandardHelpOptions = true,
    description = "Revoke a share link at once: its page stops answering; media it already handed out stops within minutes.")
final class UnshareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Parameters(index = "0", paramLabel = "ID", description = "Recording id.")
  String id;

  @Parameters(index = "1", paramLabel = "SHARE_ID", description = "The link's id, as `recordings shares ID` lists it.")
  String shareId;

  @Override
  public Integer call() {
    ShareUsage.recordingId(spec, id);
    ShareUsage.shareId(spec, shareId);
    api.connect().unshare(id, shareId);
    spec.commandLine().getOut().println("revoked share " + shareId + " of " + id);
    return 0;
  }
}
