package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.ByteSize;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.cli.transfer.Uploader;
import io.chatvideo.recording.cli.transfer.Uploader.Uploaded;
import io.chatvideo.recording.core.domain.SizePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Upload a recording file, such as one a browser saved when its upload failed.",
        "The type comes from the extension: .webm, .mp4 or .m4a. Files of 64 MiB and more go up in parts."})
final class UploadCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Mixin
  RetryOptions retry;

  @Parameters(index = "0", paramLabel = "FILE", description = "The recording file.")
  Path file;

  @Option(names = "--room", required = true, paramLabel = "ROOM", description = "The call's room id.")
  String room;

  @Option(names = "--filename", paramLabel = "NAME", description = "The name to download it as (default: FILE's name).")
  String filename;

  @Option(names = "--multipart-threshold", hidden = true, converter = ByteSize.class, defaultValue = "64MiB")
  long multipartThreshold;

  @Option(names = "--part-size", hidden = true, converter = ByteSize.class, defaultValue = "16MiB")
  long partSize;

  UploadCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (partSize < SizePolicy.MIN_PART_BYTES || partSize > SizePolicy.MAX_PART_BYTES) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--part-size must be 5 MiB to 5 GiB");
    }
    if (!Files.isRegularFile(file)) {
      throw new CliException("cannot upload " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
    }
    Uploader uploader = new Uploader(api.connect(), environment.clock(), spec.commandLine().getErr(),
        environment.interactive(), new Uploader.Settings(multipartThreshold, partSize, retry.api(), retry.transfers()));
    Uploaded uploaded = uploader.upload(file, room, filename == null ? file.getFileName().toString() : filename);
    spec.commandLine().getOut().printf("uploaded %s as recording %s in room %s (%s%s)%n", file,
        uploaded.recording().recordingId(), room, ByteSize.format(uploaded.bytes()),
        uploaded.parts() > 1 ? ", " + uploaded.parts() + " parts" : "");
    return 0;
  }
}
