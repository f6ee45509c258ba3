package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.core.port.in.SweepUseCase.SweepReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Remove expired recordings and uploads that can no longer finish, and queue again the "
        + "processing of recordings whose job was lost (queued for longer than 10 minutes).",
        "On aws, pass the --queue the workers take jobs from, or lost jobs stay lost."})
final class AdminSweepCommand implements Callable<Integer> {

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptions backend;

  AdminSweepCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    try (AdminBackend store = BackendFactory.queueing(backend, environment)) {
      SweepReport report = store.recordings().sweep().sweep();
      spec.commandLine().getOut().printf(
          "swept %s: completed %d uploads their clients never finished as partial recordings; removed %d expired"
              + " and %d abandoned recordings, and %d objects no recording points to; "
              + "queued %d recordings' processing again%s%n",
          store.description(), report.salvaged(), report.expiredRemoved(), report.abandonedRemoved(),
          report.orphansRemoved(),
          report.processingRequeued(), report.eventsRelayed() == 0 ? ""
              : "; published " + report.eventsRelayed() + " events again whose publish job may have been lost");
    }
    return 0;
  }
}
