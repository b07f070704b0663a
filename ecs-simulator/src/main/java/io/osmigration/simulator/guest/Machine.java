package io.osmigration.simulator.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a fake root that the real tools read and write: os-release, the rpm database
 * (one {@code rpm -qa} line per package), {@code /proc/modules}, {@code /proc/meminfo}, the kernel
 * and architecture the command stubs report. One place, so every tool agrees on the layout.
 */
public final class Machine {

    public static final String STATE = "var/lib/osm-sim";

    private final Path root;

    public Machine(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path path(String absolute) {
        String rel = absolute;
        while (rel.startsWith("/")) {
            rel = rel.substring(1);
        }
        return root.resolve(rel);
    }

    public Map<String, String> osRelease() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : read("/etc/os-release").split("\n")) {
            String line = raw.strip();
            int eq = line.indexOf('=');
            if (line.isEmpty() || line.startsWith("#") || eq <= 0) {
                continue;
            }
            String v = line.substring(eq + 1);
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            values.put(line.substring(0, eq), v.replace("\\\"", "\"").replace("\\$", "$").replace("\\\\", "\\"));
        }
        return values;
    }

    public String osId() {
        return osRelease().getOrDefault("ID", "linux");
    }

    public String versionId() {
        return osRelease().getOrDefault("VERSION_ID", "");
    }

    public String major() {
        String v = versionId();
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    /** What yum substitutes for {@code $releasever}: the release package's version ({@code 7Server} on RHEL 7). */
    public String releasever() {
        String id = osId();
        if ("rhel".equals(id) && "7".equals(major())) {
            return "7Server";
        }
        if ("alinux".equals(id) && "2".equals(major())) {
            return "2.1903";
        }
        return major();
    }

    public String arch() {
        return read("/" + STATE + "/arch").strip();
    }

    public String kernel() {
        return read("/" + STATE + "/kernel").strip();
    }

    public List<String> packages() {
        return lines("/" + STATE + "/packages");
    }

    public void writePackages(List<String> packages) {
        write("/" + STATE + "/packages", String.join("\n", packages) + (packages.isEmpty() ? "" : "\n"));
    }

    public boolean installed(String name) {
        for (String p : packages()) {
            if (Nevra.name(p).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Module names as {@code lsmod} lists them (first field of {@code /proc/modules}). */
    public List<String> loadedModules() {
        List<String> names = new ArrayList<>();
        for (String l : lines("/proc/modules")) {
            names.add(l.split("\\s+")[0]);
        }
        return names;
    }

    public List<String> moduleLines() {
        return lines("/proc/modules");
    }

    /** {@code MemTotal} of {@code /proc/meminfo}, in KiB (what Leapp's checkmemory actor compares). */
    public long memTotalKiB() {
        for (String l : lines("/proc/meminfo")) {
            if (l.startsWith("MemTotal:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    public String hostname() {
        return read("/etc/hostname").strip();
    }

    public boolean exists(String absolute) {
        return Files.exists(path(absolute));
    }

    public String read(String absolute) {
        Path p = path(absolute);
        try {
            return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> lines(String absolute) {
        List<String> out = new ArrayList<>();
        for (String l : read(absolute).split("\n")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    public void write(String absolute, String content) {
        Path p = path(absolute);
        try {
            Files.createDirectories(p.getParent());
            Path tmp = p.resolveSibling(p.getFileName() + ".osm-tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + absolute + " in " + root, e);
        }
    }

    public void delete(String absolute) {
        try {
            Files.deleteIfExists(path(absolute));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an executable (a command stub) into the root's {@code bin}. */
    public void writeExecutable(String absolute, String content) {
        write(absolute, content);
        try {
            Files.setPosixFilePermissions(path(absolute), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces os-release and the release files the way a new release package does. */
    public void writeRelease(Map<String, String> osRelease, String redhatRelease) {
        StringBuilder sb = new StringBuilder();
        osRelease.forEach((k, v) -> sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        write("/etc/os-release", sb.toString());
        write("/etc/redhat-release", redhatRelease + "\n");
        write("/etc/system-release", redhatRelease + "\n");
    }

    public void writeKernel(String unameR) {
        write("/" + STATE + "/kernel", unameR + "\n");
    }
}
