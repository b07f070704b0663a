package io.osmigration.simulator.guest;

import java.util.List;

/**
 * One command line a script ran inside the guest.
 *
 * @param tool    the implementation ({@code yum} serves {@code yum}, {@code dnf} and {@code yum-config-manager})
 * @param argv0   the name it was called by
 * @param args    the arguments, as the shell passed them
 * @param step    the {@code OSM_STEP} the calling script exported, or empty
 * @param cwd     the caller's working directory (a host path inside the fake root)
 */
public record ToolCall(String tool, String argv0, List<String> args, String step, String cwd) {

    public ToolCall {
        args = List.copyOf(args);
    }
}
