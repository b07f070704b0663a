package io.osmigration.simulator.guest;

import java.time.Duration;
import java.util.List;

/**
 * reboot, shutdown, poweroff, halt, init and {@code systemctl reboot|poweroff}: the operating system
 * goes down now, which kills every running command, the Cloud Assistant agent included, so the
 * command that asked for it is never reported (the agent documents {@code exit 194} for a reboot it
 * reports first: alibabacloud.com "use a specified exit code to stop or restart instances").
 * {@code shutdown} without a time waits one minute (systemd's default "+1"); {@code shutdown -c}
 * cancels a pending one.
 */
final class Power {

    private final Guest guest;

    Power(Guest guest) {
        this.guest = guest;
    }

    ToolResult run(ToolCall call) {
        String name = call.argv0();
        List<String> args = call.args();
        if (args.contains("--help")) {
            return ToolResult.ok(name + " [OPTIONS...]\n");
        }
        switch (name) {
            case "reboot" -> {
                guest.rebootNow("reboot");
                return ToolResult.ok("");
            }
            case "poweroff", "halt" -> {
                guest.powerOffNow(name);
                return ToolResult.ok("");
            }
            case "init" -> {
                String level = args.isEmpty() ? "" : args.get(0);
                if ("6".equals(level)) {
                    guest.rebootNow("init 6");
                } else if ("0".equals(level)) {
                    guest.powerOffNow("init 0");
                }
                return ToolResult.ok("");
            }
            case "systemctl" -> {
                String verb = args.isEmpty() ? "" : args.get(0);
                if ("reboot".equals(verb) || "kexec".equals(verb)) {
                    guest.rebootNow("systemctl " + verb);
                } else {
                    guest.powerOffNow("systemctl " + verb);
                }
                return ToolResult.ok("");
            }
            default -> {
                return shutdown(args);
            }
        }
    }

    private ToolResult shutdown(List<String> args) {
        boolean reboot = false;
        String when = "+1";
        for (String a : args) {
            if (a.equals("-c")) {
                return ToolResult.ok(guest.cancelShutdown() ? "" : "");
            } else if (a.equals("-r") || a.equals("--reboot")) {
                reboot = true;
            } else if (a.equals("-h") || a.equals("-P") || a.equals("--poweroff") || a.equals("-H") || a.equals("--halt")) {
                reboot = false;
            } else if (!a.startsWith("-")) {
                when = a;
                break;
            }
        }
        Duration delay;
        if (when.equals("now") || when.equals("+0")) {
            delay = Duration.ZERO;
        } else if (when.matches("\\+\\d+")) {
            delay = Duration.ofMinutes(Long.parseLong(when.substring(1)));
        } else {
            return ToolResult.fail(1, "Failed to parse time specification: " + when + "\n");
        }
        if (delay.isZero()) {
            if (reboot) {
                guest.rebootNow("shutdown -r now");
            } else {
                guest.powerOffNow("shutdown now");
            }
            return ToolResult.ok("");
        }
        guest.scheduleShutdown(delay, reboot, "shutdown " + String.join(" ", args));
        return ToolResult.ok("Shutdown scheduled for " + guest.now().plus(delay) + ", use 'shutdown -c' to cancel.\n");
    }
}
