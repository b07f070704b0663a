package io.osmigration.simulator.guest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The commands inside an instance that the simulator implements in Java (their shell stubs are thin
 * shims that hand the command line over): package management, the migration tools, downloads and
 * power. Also the hooks the instance's boot sequence needs (a staged Leapp upgrade, a kernel a
 * conversion installed).
 */
public final class GuestTools {

    /** Tool name to the commands it serves. */
    public static final Map<String, Set<String>> COMMANDS = Map.of(
            "yum", Set.of("yum", "dnf", "yum-config-manager"),
            "leapp", Set.of("leapp"),
            "convert2rhel", Set.of("convert2rhel"),
            "centos2anolis", Set.of("centos2anolis.py"),
            "power", Set.of("reboot", "shutdown", "poweroff", "halt", "init"),
            "download", Set.of("curl", "wget"));

    /** Commands that exist only once their package is installed (the rest are part of the base image). */
    public static final Set<String> INSTALLED_BY_PACKAGES = Set.of("leapp", "convert2rhel", "centos2anolis.py", "yum-config-manager");

    private GuestTools() {
    }

    /** The tool that serves a command, e.g. {@code dnf} -> {@code yum}. */
    public static Optional<String> toolFor(String command) {
        return COMMANDS.entrySet().stream().filter(e -> e.getValue().contains(command)).map(Map.Entry::getKey).findFirst();
    }

    public static CompletableFuture<ToolResult> run(Guest guest, ToolCall call) {
        return switch (call.tool()) {
            case "yum" -> CompletableFuture.completedFuture(new Yum(guest).run(call));
            case "leapp" -> new Leapp(guest).run(call);
            case "convert2rhel" -> new Convert2Rhel(guest).run(call);
            case "centos2anolis" -> new Centos2Anolis(guest).run(call);
            case "power" -> CompletableFuture.completedFuture(new Power(guest).run(call));
            case "download" -> CompletableFuture.completedFuture("wget".equals(call.argv0())
                    ? new Download(guest, call.cwd()).wget(call.args()) : new Download(guest, call.cwd()).curl(call.args()));
            case "rpm" -> CompletableFuture.completedFuture(new Download(guest, call.cwd()).rpmInstall(call.args()));
            default -> CompletableFuture.completedFuture(ToolResult.fail(127, "", "sh: " + call.argv0() + ": command not found\n"));
        };
    }

    /** The commands the packages in {@code rpm -qa} put on the PATH (for a fleet that lists leapp as installed). */
    public static Set<String> commandsOf(Iterable<String> packages) {
        Set<String> out = new java.util.LinkedHashSet<>();
        World w = World.get();
        for (String p : packages) {
            w.knownBuild(p).or(() -> w.known(Nevra.name(p))).ifPresent(k -> out.addAll(k.tools()));
            if (Nevra.name(p).equals("yum-utils")) {
                out.add("yum-config-manager");
            }
        }
        return out;
    }

    /** What the boot sequence finds on the disk: a Leapp upgrade waiting for its offline phase, if any. */
    public static Optional<String> stagedUpgrade(java.nio.file.Path root) {
        return Leapp.staged(new Machine(root)).map(Destinations.Target::pretty);
    }

    /** The offline phase of a staged Leapp upgrade: afterwards the disk holds the new system. */
    public static void runOfflineUpgrade(java.nio.file.Path root, Instant now) {
        Machine m = new Machine(root);
        Leapp.staged(m).ifPresent(t -> Leapp.runOffline(m, t, now));
    }

    /** Every boot: a kernel that a conversion installed becomes the running one. */
    public static void onBoot(java.nio.file.Path root) {
        Destinations.onBoot(new Machine(root));
    }
}
