package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingId;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "reprocess", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Queue a completed recording's processing again (after a failure, or with a newer ffmpeg).",
        "A worker takes the job: a server with processing on, or 'recordings worker'. Processing is on here as "
            + "for the worker: ffmpeg found, and on aws a --queue."})
final class AdminReprocessCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptions backend;

  @Mixin
  ProcessingOptions processing;

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
    try (AdminBackend store = BackendFactory.processing(backend, environment.clock(), processing,
        UnaryOperator.identity())) {
      String before = store.find(recording).filter(CompletedRecording.class::isInstance)
          .map(found -> ((CompletedRecording) found).processing().state().wireName()).orElse("");
      CompletedRecording queued = store.recordings().reprocess().reprocess(recording);
      spec.commandLine().getOut().println("recording " + queued.id() + ": " + queued.processing().state().wireName()
          + (before.isEmpty() ? "" : " (was " + before + ")") + " on " + store.description());
    }
    return 0;
  }
}
