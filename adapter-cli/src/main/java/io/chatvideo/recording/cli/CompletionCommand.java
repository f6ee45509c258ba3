package io.chatvideo.recording.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "completion",
    description = {"Print a bash/zsh completion script for recordings. Load it with:",
        "  source <(recordings completion)",
        "or install it: recordings completion > /etc/bash_completion.d/recordings"})
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
