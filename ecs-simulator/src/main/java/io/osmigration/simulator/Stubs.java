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

/**
 * Installs the POSIX-sh stand-ins for system commands into a fake root's {@code bin}. Each stub is
 * the shared prelude (fault injection, state paths) followed by the command's own body, with the
 * root path baked in so a stub works even if a script clears {@code OSM_ROOT}.
 */
final class Stubs {

    private static final String BASE = "io/osmigration/simulator/stubs/";

    private Stubs() {
    }

    /** command name -> stub resource, depending on the package family of the simulated OS. */
    static Map<String, String> commandsFor(boolean rpmFamily) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String common : new String[] {"uname", "hostname", "df", "free", "systemctl", "curl", "id", "lsmod", "getenforce"}) {
            m.put(common, common);
        }
        m.put("arch", "uname");
        m.put("wget", "curl");
        m.put("reboot", "reboot");
        m.put("shutdown", "reboot");
        m.put("poweroff", "reboot");
        if (rpmFamily) {
            m.put("rpm", "rpm");
            m.put("yum", "yum");
            m.put("dnf", "yum");
            m.put("yum-config-manager", "yum");
            m.put("leapp", "leapp");
            // The host may be Debian: hide its dpkg/apt behind "command not found".
            m.put("dpkg", "missing");
            m.put("apt", "missing");
            m.put("apt-get", "missing");
        } else {
            m.put("dpkg", "dpkg");
            for (String absent : new String[] {"rpm", "yum", "dnf", "leapp"}) {
                m.put(absent, "missing");
            }
        }
        return m;
    }

    static void install(Path root, boolean rpmFamily) {
        String prelude = resource("_prelude.sh").replace("@OSM_SIM_ROOT@", root.toString().replace("'", "'\\''"));
        Path bin = root.resolve("bin");
        try {
            Files.createDirectories(bin);
            for (Map.Entry<String, String> e : commandsFor(rpmFamily).entrySet()) {
                Path target = bin.resolve(e.getKey());
                Files.writeString(target, prelude + "\n" + resource(e.getValue() + ".sh"), StandardCharsets.UTF_8);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install command stubs into " + bin, e);
        }
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
