package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.client.RequestFailure;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.ShareId;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The share commands' input checks: a malformed id, and a value the server refuses as invalid
 * (400: an expiry past the recording's, a passcode too short), are usage errors, exit 2.
 */
final class ShareUsage {

  private ShareUsage() {}

  static void recordingId(CommandSpec spec, String id) {
    try {
      RecordingId.parse(id.strip());
    } catch (InvalidInputException e) {
      throw error(spec, "'" + id + "' is not a recording id: ids are UUIDs like 123e4567-e89b-12d3-a456-426614174000");
    }
  }

  static void shareId(CommandSpec spec, String id) {
    try {
      ShareId.parse(id.strip());
    } catch (InvalidInputException e) {
      throw error(spec, "'" + id + "' is not a share id: ids are UUIDs, as `recordings shares ID` lists them");
    }
  }

  static <T> T refusedInput(CommandSpec spec, Supplier<T> call) {
    try {
      return call.get();
    } catch (RequestFailure e) {
      if (e.status().isPresent() && e.status().getAsInt() == 400) {
        throw error(spec, e.getMessage());
      }
      throw e;
    }
  }

  static CommandLine.ParameterException error(CommandSpec spec, String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
