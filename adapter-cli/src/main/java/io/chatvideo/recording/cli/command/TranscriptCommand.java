package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.cli.client.RecordingsApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "transcript", mixinStandardHelpOptions = true,
    description = "Print what was said in a recording, each line or cue with its speaker.")
final class TranscriptCommand implements Callable<Integer> {

  /** What a transcript can be given as. */
  enum Format { vtt, json, txt }

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Parameters(index = "0", paramLabel = "ID", description = "The recording id.")
  String id;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "txt",
      description = "txt (speaker: text lines, the default), vtt (WebVTT captions with <v speaker> tags) or json "
          + "(segments with party, speaker, start_ms, end_ms, text). Valid values: ${COMPLETION-CANDIDATES}")
  Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write it to FILE instead of standard output (the file is replaced).")
  Path output;

  @Override
  public Integer call() {
    RecordingsApi client = api.connect();
    String transcript = client.transcript(id, format.name());
    if (output == null) {
      spec.commandLine().getOut().print(transcript);
      spec.commandLine().getOut().flush();
      return 0;
    }
    try {
      Files.writeString(output, transcript, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("cannot write the transcript to " + output + ": " + e.getMessage(), e);
    }
    spec.commandLine().getOut().println("wrote the transcript of " + id + " to " + output);
    return 0;
  }
}
