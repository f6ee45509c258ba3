package io.chatvideo.recording.cli;

import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.RecordingList;
import io.chatvideo.recording.cli.Downloader.Downloaded;
import io.chatvideo.recording.core.domain.Filename;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Download recordings to disk, resuming where an earlier run stopped.",
        "Each file is named after the recording unless -o names it. Bytes go to NAME.part first, which the "
            + "next run resumes; the file gets its name only once complete and of the recording's size."})
final class DownloadCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Recording ids.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--room", paramLabel = "ROOM", description = "With --all: every recording of this room.")
  String room;

  @Option(names = "--all", description = "Download every completed recording of --room.")
  boolean all;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR|FILE",
      description = "Where to save: a directory (default: the current one), or a file name for a single recording.")
  String output;

  DownloadCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws IOException {
    checkUsage();
    RecordingsApi client = api.connect();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<RecordingJson> recordings = new ArrayList<>();
    if (room != null) {
      recordings.addAll(completedInRoom(client, err));
      if (recordings.isEmpty()) {
        out.println("no completed recordings in room " + room);
        return 0;
      }
    } else {
      for (String id : ids) {
        recordings.add(client.get(id));
      }
    }
    boolean single = room == null && recordings.size() == 1;
    Path outputPath = output == null ? Path.of("") : Path.of(output);
    boolean intoDirectory = output == null || !single || Files.isDirectory(outputPath) || output.endsWith("/")
        || output.endsWith(outputPath.getFileSystem().getSeparator());
    Path directory = intoDirectory ? outputPath : null;
    if (directory != null) {
      Files.createDirectories(directory.toAbsolutePath());
    }
    Downloader downloader = new Downloader(client, environment, err);
    Set<String> usedNames = new HashSet<>();
    for (RecordingJson recording : recordings) {
      Path target = directory == null ? outputPath : directory.resolve(fileName(recording, usedNames));
      if (Files.exists(target)) {
        if (recording.size() != null && Files.isRegularFile(target) && Files.size(target) == recording.size()) {
          out.println("already downloaded " + recording.recordingId() + " -> " + target);
          continue;
        }
        throw new CliException(target + " already exists with other content; move it away or choose -o");
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

  private List<RecordingJson> completedInRoom(RecordingsApi client, PrintWriter err) {
    List<RecordingJson> completed = new ArrayList<>();
    Optional<String> next = Optional.empty();
    do {
      RecordingList page = client.list(Optional.of(room), ListCommand.MAX_LIMIT, next);
      for (RecordingJson recording : page.recordings()) {
        if (recording.downloadUrl() != null) {
          completed.add(recording);
        } else {
          err.println("skipping " + recording.recordingId() + ": it is " + recording.status());
        }
      }
      next = Optional.ofNullable(page.nextToken()).filter(t -> !t.isBlank());
    } while (next.isPresent());
    return completed;
  }

  /** The recording's own name, sanitized again here since it came over the network; unique within one run. */
  private static String fileName(RecordingJson recording, Set<String> used) {
    String name = Filename.sanitize(recording.filename(), "recording-" + recording.recordingId() + ".webm").value();
    if (!used.add(name)) {
      int dot = name.lastIndexOf('.');
      String suffix = "-" + recording.recordingId().substring(0, Math.min(8, recording.recordingId().length()));
      name = Filename.sanitize(dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix,
          "recording").value();
      used.add(name);
    }
    return name;
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
