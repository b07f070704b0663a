package io.osmigration.cli.commands;

import io.osmigration.cli.ExitCodes;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code osm completion}: picocli's generated bash/zsh completion for every command and option. */
@Command(mixinStandardHelpOptions = true, name = "completion",
        header = "Prints a bash/zsh completion script: source <(osm completion)",
        description = {"Completes commands, options and option values. To keep it, write it where your shell finds "
                + "it: osm completion > /etc/bash_completion.d/osm (zsh: autoload -U +X bashcompinit && bashcompinit "
                + "first)."})
public final class CompletionCommand extends OsmCommand {

    @Override
    public Integer call() {
        out().print(AutoComplete.bash("osm", spec.root().commandLine()));
        out().flush();
        return ExitCodes.OK;
    }
}
