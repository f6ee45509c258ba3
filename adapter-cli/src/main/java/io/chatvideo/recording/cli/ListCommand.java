package io.chatvideo.recording.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.RecordingList;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
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

  static final int MAX_LIMIT = 200;

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Option(names = "--room", paramLabel = "ROOM", description = "Only this room's recordings.")
  String room;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
      description = "Recordings per page, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--all", description = "Fetch every page, not just the first.")
  boolean all;

  @Option(names = "--json", description = "Print the recordings as the API sent them, every field, as JSON instead of a table.")
  boolean json;

  ListCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    RecordingsApi client = api.connect();
    List<RecordingJson> recordings = new ArrayList<>();
    Optional<String> next = Optional.empty();
    do {
      RecordingList page = client.list(Optional.ofNullable(room), limit, next);
      recordings.addAll(page.recordings());
      next = Optional.ofNullable(page.nextToken()).filter(t -> !t.isBlank());
    } while (all && next.isPresent());

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(RecordingsApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(recordings));
    } else if (recordings.isEmpty()) {
      out.println("no recordings" + (room == null ? "" : " in room " + room));
    } else {
      Table table = new Table("ID", "ROOM", "CREATED", "SIZE", "EXPIRES", "STATUS");
      for (RecordingJson r : recordings) {
        table.row(r.recordingId(), r.roomId(), Times.local(Instant.parse(r.createdAt()), environment.zone()),
            r.size() == null ? "-" : ByteSize.format(r.size()), Times.local(Instant.parse(r.expiresAt()), environment.zone()),
            r.status() == null ? "-" : r.status());
      }
      table.print(out);
    }
    if (next.isPresent()) {
      spec.commandLine().getErr().println("(more recordings: add --all to list every page)");
    }
    return 0;
  }
}
