package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.client.PageIterator;
import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.ByteSize;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.cli.transfer.DownloadFormat;
import io.chatvideo.recording.cli.transfer.DownloadTargets;
import io.chatvideo.recording.cli.transfer.Downloader;
import io.chatvideo.recording.cli.transfer.Downloader.Downloaded;
import io.chatvideo.recording.cli.transfer.RemoteFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Download recordings (or their MP4 or poster: --format) to disk, resuming where an earlier run "
        + "stopped.",
        "Each file is named after the recording unless -o names it. Bytes go to NAME.part first, which the "
            + "next run resumes; the file gets its name only once complete and of the recording's size."})
final class DownloadCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Mixin
  RetryOptions retry;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Recording ids.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--room", paramLabel = "ROOM", description = "With --all: every recording of this room.")
  String room;

  @Option(names = "--all", description = "Download every completed recording of --room.")
  boolean all;

  @Option(names = "--format", paramLabel = "original|mp4|thumbnail", defaultValue = "original",
      description = "Which file: the recording as stored, the MP4 processing made of it, or its JPEG poster "
          + "(default: ${DEFAULT-VALUE}).")
  DownloadFormat format;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR|FILE",
      description = "Where to save: a directory (default: the current one), or a file name for a single recording.")
  String output;

  DownloadCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    checkUsage();
    RecordingsApi client = api.connect();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<RemoteFile> recordings = room == null ? ids.stream().map(id -> format.file(client.get(id))).toList()
        : completedInRoom(client, err);
    if (room != null && recordings.isEmpty()) {
      out.println("no completed recordings in room " + room);
      return 0;
    }
    DownloadTargets targets = DownloadTargets.of(Optional.ofNullable(output), room == null && recordings.size() == 1);
    Downloader downloader = new Downloader(client, err, environment.interactive(), retry.transfers());
    for (RemoteFile recording : recordings) {
      Path target = targets.target(recording);
      if (DownloadTargets.alreadyDownloaded(target, recording)) {
        out.println("already downloaded " + recording.recordingId() + " -> " + target);
        continue;
      }
      Downloaded done = downloader.download(recording, target);
      out.println("downloaded " + recording.recordingId() + " -> " + done.file() + " (" + ByteSize.format(done.bytes())
          + (done.resumedFrom() > 0 ? ", resumed at byte " + done.resumedFrom() : "") + ")");
    }
    return 0;
  }

  private void checkUsage() {
    if (room != null && !ids.isEmpty()) {
      throw usage("give recording ids or --room with --all, not both");
    }
    if (room != null && !all) {
      throw usage("--room downloads a whole room: add --all to confirm");
    }
    if (all && room == null) {
      throw usage("--all needs --room ROOM");
    }
    if (room == null && ids.isEmpty()) {
      throw usage("name at least one recording id, or --room ROOM --all");
    }
  }

  private List<RemoteFile> completedInRoom(RecordingsApi client, PrintWriter err) {
    List<RemoteFile> completed = new ArrayList<>();
    PageIterator<RecordingJson> pages = client.recordings(Optional.of(room), RecordingsApi.MAX_LIMIT, true);
    pages.forEachRemaining(recording -> {
      try {
        completed.add(format.file(recording));
      } catch (CliException none) {
        err.println("skipping: " + none.getMessage());
      }
    });
    return completed;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
