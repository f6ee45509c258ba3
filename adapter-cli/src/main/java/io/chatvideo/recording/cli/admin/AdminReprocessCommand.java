package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reprocess", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Queue a completed recording's processing again (after a failure, or with a newer ffmpeg).",
        "A worker takes the job: a server with processing on, or 'recordings worker'. Needs no ffmpeg here; on "
            + "aws, the --queue the workers take jobs from."})
final class AdminReprocessCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptions backend;

  @Parameters(paramLabel = "ID", description = "The recording's id.")
  String id;

  AdminReprocessCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    RecordingId recording;
    try {
      recording = RecordingId.parse(id);
    } catch (InvalidInputException e) {
      throw new CliException("'" + id + "' is not a recording id: a recording id is a UUID, as 'recordings list' "
          + "shows it", e);
    }
    try (AdminBackend store = BackendFactory.queueing(backend, environment)) {
      if (!store.recordings().processingEnabled()) {
        throw new CliException("no job queue to queue the job in: the aws backend needs --queue (or "
            + "RECORDING_AWS_QUEUE), the one the workers take jobs from");
      }
      String before = store.find(recording).filter(CompletedRecording.class::isInstance)
          .map(found -> ((CompletedRecording) found).processing().state().wireName()).orElse("");
      CompletedRecording queued = store.recordings().reprocess().reprocess(recording);
      spec.commandLine().getOut().println("recording " + queued.id() + ": " + queued.processing().state().wireName()
          + (before.isEmpty() ? "" : " (was " + before + ")") + " on " + store.description());
    }
    return 0;
  }
}
