package io.chatvideo.recording.cli;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase;
import io.chatvideo.recording.core.port.in.RecordingPage;
import io.chatvideo.recording.core.port.in.RecordingView;
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
    description = "List every stored recording of every user, expired or not.")
final class AdminListCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptions backend;

  @Option(names = "--all", description = "Fetch every page, not just the first.")
  boolean all;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "Recordings per page, 1 to " + ListRecordingsUseCase.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
  int limit;

  AdminListCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (limit < 1 || limit > ListRecordingsUseCase.MAX_LIMIT) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--limit must be 1 to " + ListRecordingsUseCase.MAX_LIMIT + ", was " + limit);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Recording> recordings = new ArrayList<>();
    Optional<String> next = Optional.empty();
    try (AdminBackend store = BackendFactory.open(backend, environment.clock(), RetentionPolicy.DEFAULT_RETENTION)) {
      do {
        RecordingPage page = store.recordings().listAllRecordings().listAll(limit, next);
        page.recordings().stream().map(RecordingView::recording).forEach(recordings::add);
        next = page.nextToken();
      } while (all && next.isPresent());
    }
    if (recordings.isEmpty()) {
      out.println("no recordings");
    } else {
      Instant now = environment.clock().instant();
      Table table = new Table("ID", "ROOM", "OWNER", "CREATED", "SIZE", "EXPIRES", "STATUS");
      for (Recording recording : recordings) {
        RecordingDetails d = recording.details();
        table.row(d.id().toString(), d.roomId().value(), d.owner().value(), Times.local(d.createdAt(), environment.zone()),
            size(recording), Times.local(d.expiresAt(), environment.zone()),
            recording.status() + (d.isExpired(now) ? " (expired)" : ""));
      }
      table.print(out);
    }
    if (next.isPresent()) {
      spec.commandLine().getErr().println("(more recordings: add --all to list every page)");
    }
    return 0;
  }

  private static String size(Recording recording) {
    if (recording instanceof CompletedRecording completed) {
      return ByteSize.format(completed.storedSize());
    }
    return recording.details().declaredSize().isPresent()
        ? ByteSize.format(recording.details().declaredSize().getAsLong()) + " (declared)" : "-";
  }
}
