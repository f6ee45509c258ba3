package io.chatvideo.recording.cli.command;

import io.chatvideo.recording.cli.admin.AdminCommand;
import io.chatvideo.recording.cli.admin.WorkerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command; it only groups the subcommands, so running it bare is a usage error. */
@Command(
    name = "recordings",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List, download, upload and administer call recordings.",
    subcommands = {
        LoginCommand.class,
        ListCommand.class,
        DownloadCommand.class,
        UploadCommand.class,
        DeleteCommand.class,
        TranscriptCommand.class,
        ShareCommand.class,
        SharesCommand.class,
        UnshareCommand.class,
        AdminCommand.class,
        WorkerCommand.class,
        CompletionCommand.class,
        picocli.CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  success", "  1  failure (the message says why; --verbose shows details)", "  2  usage error"},
    usageHelpAutoWidth = true)
public final class RecordingsCommand {

  /** Read by the error reporter from the parse result, on whichever command it was given. */
  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show details (stack traces) of failures.")
  boolean verbose;
}
