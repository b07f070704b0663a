package io.osmigration.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.osmigration.simulator.guest.GuestTools;

/**
 * Installs the stand-ins for system commands into a fake root's {@code bin}. Cheap, frequent
 * commands (rpm, uname, df, ...) are POSIX-sh stubs; the heavy ones (yum/dnf, leapp, convert2rhel,
 * centos2anolis.py, downloads, power) are shims that hand the command line to the simulator's
 * {@link ToolServer}. Each stub is the shared prelude (fault injection, state paths) followed by its
 * body, with the root path and the FIFO baked in so a stub works even if a script clears {@code OSM_ROOT}.
 */
final class Stubs {

    private static final String BASE = "io/osmigration/simulator/stubs/";
    /** A shim for any Java tool: {@code .osm-java <tool> <argv0> args...}, used by the shell stubs that delegate. */
    static final String JAVA_SHIM = ".osm-java";
    private static final String JAVA = "@java";

    private Stubs() {
    }

    /** command name -> stub resource (or a Java tool), depending on the package family of the simulated OS. */
    static Map<String, String> commandsFor(boolean rpmFamily) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String common : new String[] {"uname", "hostname", "df", "free", "systemctl", "curl", "id", "lsmod", "getenforce"}) {
            m.put(common, common);
        }
        m.put("arch", "uname");
        for (String kmod : new String[] {"modprobe", "rmmod", "insmod"}) {
            m.put(kmod, "modprobe");
        }
        for (String boot : new String[] {"dracut", "grub2-mkconfig", "grubby", "update-grub"}) {
            m.put(boot, "noop");
        }
        m.put("wget", "curl");
        for (String power : new String[] {"reboot", "shutdown", "poweroff", "halt", "init"}) {
            m.put(power, JAVA + ":power");
        }
        if (rpmFamily) {
            m.put("rpm", "rpm");
            m.put("yum", JAVA + ":yum");
            m.put("dnf", JAVA + ":yum");
            // The host may be Debian: hide its dpkg/apt behind "command not found".
            m.put("dpkg", "missing");
            m.put("apt", "missing");
            m.put("apt-get", "missing");
        } else {
            m.put("dpkg", "dpkg");
            for (String absent : new String[] {"rpm", "yum", "dnf"}) {
                m.put(absent, "missing");
            }
        }
        return m;
    }

    static void install(Path root, boolean rpmFamily, Path fifo, Set<String> installedCommands) {
        Path bin = root.resolve("bin");
        try {
            Files.createDirectories(bin);
            for (Map.Entry<String, String> e : commandsFor(rpmFamily).entrySet()) {
                write(bin.resolve(e.getKey()), body(root, fifo, e.getValue()));
            }
            write(bin.resolve(JAVA_SHIM), body(root, fifo, JAVA + ":"));
            for (String command : installedCommands) {
                installCommand(root, fifo, command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install command stubs into " + bin, e);
        }
    }

    /** A command that came with a package (leapp, convert2rhel, ...): a shim to its Java tool. */
    static void installCommand(Path root, Path fifo, String command) {
        String tool = GuestTools.toolFor(command).orElseThrow(() -> new IllegalArgumentException("No tool serves " + command));
        try {
            write(root.resolve("bin").resolve(command), body(root, fifo, JAVA + ":" + tool));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void removeCommand(Path root, String command) {
        try {
            Files.deleteIfExists(root.resolve("bin").resolve(command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String body(Path root, Path fifo, String stub) {
        String prelude = resource("_prelude.sh").replace("@OSM_SIM_ROOT@", quote(root.toString()));
        if (stub.startsWith(JAVA)) {
            String tool = stub.substring(JAVA.length() + 1);
            return prelude + "\n" + resource("_java.sh").replace("@TOOL@", tool).replace("@FIFO@", quote(fifo.toString()));
        }
        return prelude + "\n" + resource(stub + ".sh");
    }

    // Inside single quotes in the stub text.
    private static String quote(String s) {
        return s.replace("'", "'\\''");
    }

    private static void write(Path target, String content) throws IOException {
        Files.writeString(target, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String resource(String name) {
        try (InputStream in = Stubs.class.getClassLoader().getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing stub resource " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
