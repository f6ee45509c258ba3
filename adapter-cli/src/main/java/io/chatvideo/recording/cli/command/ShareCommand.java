package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.api.ShareLink;
import io.chatvideo.recording.api.ShareRequest;
import io.chatvideo.recording.cli.terminal.DurationConverter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "share", mixinStandardHelpOptions = true,
    description = "Make a link that lets anyone holding it watch a recording you own, without signing in. "
        + "Prints the link's URL, then its id and expiry.")
final class ShareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Parameters(index = "0", paramLabel = "ID", description = "Recording id.")
  String id;

  @Option(names = "--expires", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the link lives, e.g. 3d or 12h (default: 7 days, never past the recording's expiry).")
  Duration expires;

  @Option(names = "--passcode", arity = "0..1", interactive = true, paramLabel = "PASSCODE",
      description = "A passcode viewers must type (4 to 64 characters); asked for when no value follows.")
  String passcode;

  @Option(names = "--no-download", description = "Hide the download button on the watch page.")
  boolean noDownload;

  @Override
  public Integer call() {
    ShareUsage.recordingId(spec, id);
    if (expires != null && (expires.isNegative() || expires.toSeconds() < 1)) {
      throw ShareUsage.error(spec, "--expires must be at least one second, was " + expires);
    }
    ShareLink link = ShareUsage.refusedInput(spec, () -> api.connect().share(id, new ShareRequest(
        expires == null ? null : expires.toSeconds(), passcode, noDownload ? Boolean.FALSE : null)));
    spec.commandLine().getOut().println(link.url());
    spec.commandLine().getOut().println("share " + link.shareId() + ", expires " + link.expiresAt());
    return 0;
  }
}
