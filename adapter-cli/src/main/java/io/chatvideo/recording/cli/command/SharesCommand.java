package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.api.ShareJson;
import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.Table;
import io.chatvideo.recording.cli.terminal.Times;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "shares", mixinStandardHelpOptions = true,
    description = "List the share links of a recording you own, oldest first (their URLs are shown only when made).")
final class SharesCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  ApiOptions api;

  @Parameters(index = "0", paramLabel = "ID", description = "Recording id.")
  String id;

  SharesCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    ShareUsage.recordingId(spec, id);
    Table table = new Table("SHARE", "CREATED", "EXPIRES", "PASSCODE", "DOWNLOAD", "VIEWS", "STATE");
    Instant now = environment.clock().instant();
    for (ShareJson share : api.connect().shares(id).shares()) {
      Instant expires = Instant.parse(share.expiresAt());
      table.row(share.shareId(), Times.local(Instant.parse(share.createdAt()), environment.zone()),
          Times.local(expires, environment.zone()), share.hasPasscode() ? "yes" : "no",
          share.allowDownload() ? "yes" : "no", Long.toString(share.views()),
          share.revoked() ? "revoked" : now.isBefore(expires) ? "live" : "expired");
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
