package io.chatvideo.recording.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chatvideo.recording.cli.client.PageIterator;
import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.cli.config.Environment;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
    description = "List the recordings you may see.")
final class ListCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Option(names = "--room", paramLabel = "ROOM", description = "Only this room's recordings.")
  String room;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "Recordings per page, 1 to " + RecordingsApi.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--all", description = "Fetch every page, not just the first.")
  boolean all;

  @Option(names = "--json",
      description = "Print the recordings as the API sent them, every field, as JSON instead of a table.")
  boolean json;

  ListCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    if (limit < 1 || limit > RecordingsApi.MAX_LIMIT) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--limit must be 1 to " + RecordingsApi.MAX_LIMIT + ", was " + limit);
    }
    PageIterator<RecordingJson> pages = api.connect().recordings(Optional.ofNullable(room), limit, all);
    List<RecordingJson> recordings = pages.toList();

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(RecordingsApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(recordings));
    } else if (recordings.isEmpty()) {
      out.println("no recordings" + (room == null ? "" : " in room " + room));
    } else {
      RecordingTable.of(recordings, environment.zone()).print(out);
    }
    if (pages.morePages()) {
      spec.commandLine().getErr().println("(more recordings: add --all to list every page)");
    }
    return 0;
  }
}
