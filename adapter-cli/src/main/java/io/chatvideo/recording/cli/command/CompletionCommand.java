package io.chatvideo.recording.cli.command;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a bash/zsh completion script.",
        "Load it in this shell with: source <(recordings completion)",
        "or save it in your shell's completion directory, e.g. ~/.local/share/bash-completion/completions/."})
final class CompletionCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("recordings", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
