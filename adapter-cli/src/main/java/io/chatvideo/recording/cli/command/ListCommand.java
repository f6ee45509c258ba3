package io.chatvideo.recording.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chatvideo.recording.cli.client.PageIterator;
import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.TimeArgument;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingFilter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
    description = "List the recordings you may see.")
final class ListCommand implements Callable<Integer> {

  /** The API's field names as this command's options. */
  private static final Map<String, String> OPTIONS = Map.of("status", "--status",
      "processing", "--processing", "from", "--since", "to", "--until", "q", "--search",
      "participant", "--participant", "sort", "--sort");

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Option(names = "--room", paramLabel = "ROOM", description = "Only this room's recordings.")
  String room;

  @Option(names = "--since", paramLabel = "WHEN",
      description = "Only recordings created at or after WHEN: an age (7d, 12h), a date (2026-12-01, the start of"
          + " that day here) or an instant (2026-12-01T08:00:00Z).")
  String since;

  @Option(names = "--until", paramLabel = "WHEN",
      description = "Only recordings created before WHEN (not at it), in the forms of --since.")
  String until;

  @Option(names = "--status", paramLabel = "STATUS", description = "Only PENDING, COMPLETED or ABANDONED ones.")
  String status;

  @Option(names = "--processing", paramLabel = "STATE",
      description = "Only completed ones whose processing is queued, running, ready, failed or off.")
  String processing;

  @Option(names = "--search", paramLabel = "TEXT",
      description = "Only those whose file name or room contains TEXT, in any case (at most 200 characters).")
  String search;

  @Option(names = "--participant", paramLabel = "USER", description = "Only those USER takes part in.")
  String participant;

  @Option(names = "--sort", paramLabel = "ORDER", description = "newest (default) or oldest first.")
  String sort;

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
    Optional<RecordingFilter> filter = filter();
    if (filter.isEmpty()) {
      return CommandLine.ExitCode.USAGE;
    }
    PageIterator<RecordingJson> pages = api.connect().recordings(Optional.ofNullable(room), filter.get(), limit, all);
    List<RecordingJson> recordings = pages.toList();

    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(RecordingsApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(recordings));
    } else if (recordings.isEmpty()) {
      out.println("no recordings" + (room == null ? "" : " in room " + room) + (filtered() ? " that match" : ""));
    } else {
      RecordingTable.of(recordings, environment.zone()).print(out);
    }
    if (pages.morePages()) {
      spec.commandLine().getErr().println("(more recordings: add --all to list every page)");
    }
    return 0;
  }

  /**
   * The filter the options describe, checked here by the core's own rules; a bad value is one
   * line on stderr naming the option (and empty: exit 2), before anything is sent.
   */
  private Optional<RecordingFilter> filter() {
    Instant now = environment.clock().instant();
    try {
      // The room is the server's to judge, as before filters existed.
      return Optional.of(RecordingFilter.parse(Optional.empty(), Optional.ofNullable(status),
          Optional.ofNullable(processing), time("--since", since, now), time("--until", until, now),
          Optional.ofNullable(search), Optional.ofNullable(participant), Optional.ofNullable(sort)));
    } catch (InvalidInputException e) {
      spec.commandLine().getErr().println("error: " + OPTIONS.getOrDefault(e.field(), e.field()) + ": "
          + e.reason().replace("is after to", "is after --until"));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<String> time(String option, String text, Instant now) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TimeArgument.parse(text, now, environment.zone()).toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  private boolean filtered() {
    return Stream.of(since, until, status, processing, search, participant).anyMatch(Objects::nonNull);
  }
}
