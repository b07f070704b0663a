package io.osmigration.simulator.guest;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code centos2anolis.py} from the Anolis OS migration repository: converts CentOS to Anolis OS
 * of the same major version; ANCK kernel by default, {@code --rhck} for the RHEL-compatible one;
 * a reboot boots the new kernel (goodrain/rainbond blog "CentOS 7 服务终止": install with
 * {@code yum -y install centos2anolis}, run {@code centos2anolis.py} or {@code centos2anolis.py --rhck},
 * then reboot and check the OS version). The tool's source is not public on GitHub: its messages and
 * its other options are not confirmed; the simulator models what the blog shows and needs the
 * Anolis OS repositories to be reachable.
 */
final class Centos2Anolis {

    private final Guest guest;
    private final Machine m;

    Centos2Anolis(Guest guest) {
        this.guest = guest;
        this.m = new Machine(guest.root());
    }

    CompletableFuture<ToolResult> run(ToolCall call) {
        boolean rhck = false;
        for (String a : call.args()) {
            switch (a) {
                case "--rhck" -> rhck = true;
                case "-h", "--help" -> {
                    return CompletableFuture.completedFuture(ToolResult.ok("usage: centos2anolis.py [-h] [--rhck] [-V]\n\n"
                            + "optional arguments:\n  -h, --help  show this help message and exit\n  --rhck      migrate to Anolis OS with RHCK kernel\n"));
                }
                default -> {
                    return CompletableFuture.completedFuture(ToolResult.fail(2, "", "usage: centos2anolis.py [-h] [--rhck] [-V]\n"
                            + "centos2anolis.py: error: unrecognized arguments: " + a + "\n"));
                }
            }
        }
        if (!"centos".equals(m.osId()) || !List.of("7", "8").contains(m.major())) {
            return CompletableFuture.completedFuture(ToolResult.fail(1, "", "Error: this tool only migrates CentOS 7 or 8, found "
                    + m.osRelease().getOrDefault("PRETTY_NAME", m.osId()) + "\n"));
        }
        Destinations.Target t = Destinations.target("7".equals(m.major()) ? "anolis-7" : "anolis-8", null);
        for (String url : t.repos()) {
            String u = url.replace("$basearch", m.arch());
            if (!World.get().reachable(u, guest)) {
                return CompletableFuture.completedFuture(ToolResult.fail(1, "Checking Anolis OS repositories...\n",
                        "Error: cannot reach the Anolis OS repository " + u + "\n"));
            }
        }
        boolean useRhck = rhck;
        return guest.after(guest.duration(Guest.ToolDuration.CONVERSION)).thenApply(v -> {
            Destinations.install(m, t, false, useRhck);
            return ToolResult.ok("Checking Anolis OS repositories...\nBacking up the CentOS release files...\n"
                    + "Removing CentOS-specific packages...\nInstalling Anolis OS release packages...\nSwitching packages to Anolis OS builds (yum distro-sync)...\n"
                    + "Installing the " + (useRhck ? "RHCK" : "ANCK") + " kernel...\n"
                    + "Migration to " + t.pretty() + " is complete. Reboot the system to boot the new kernel.\n");
        });
    }
}
