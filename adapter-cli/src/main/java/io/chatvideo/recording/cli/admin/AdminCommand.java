package io.chatvideo.recording.cli.admin;

import picocli.CommandLine.Command;

/** Groups the operator's commands, which work on the store directly rather than through the API. */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = {"Operate the store directly: init, sweep, list, reprocess, webhooks.",
        "These commands use the core, not the API; the backend is configured like the server's, by options or "
            + "the server's environment variables."},
    subcommands = {AdminInitCommand.class, AdminSweepCommand.class, AdminListCommand.class,
        AdminReprocessCommand.class, AdminWebhooksCommand.class})
public final class AdminCommand {}
