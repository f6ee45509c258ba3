package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.client.PageIterator;
import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase;
import io.chatvideo.recording.core.port.in.RecordingPage;
import io.chatvideo.recording.core.port.in.RecordingView;
import java.io.PrintWriter;
import java.util.List;
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
    List<Recording> recordings;
    boolean more;
    try (AdminBackend store = BackendFactory.open(backend, environment)) {
      PageIterator<Recording> pages = PageIterator.of(token -> {
        RecordingPage page = store.recordings().listAllRecordings().listAll(limit, token);
        return new PageIterator.Page<>(page.recordings().stream().map(RecordingView::recording).toList(),
            page.nextToken());
      }, all);
      recordings = pages.toList();
      more = pages.morePages();
    }
    if (recordings.isEmpty()) {
      out.println("no recordings");
    } else {
      StoredRecordingTable.of(recordings, environment.clock().instant(), environment.zone()).print(out);
    }
    if (more) {
      spec.commandLine().getErr().println("(more recordings: add --all to list every page)");
    }
    return 0;
  }
}
