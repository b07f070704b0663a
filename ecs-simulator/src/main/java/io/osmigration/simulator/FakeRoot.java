package io.osmigration.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.osmigration.simulator.guest.GuestTools;

/**
 * The directory that stands in for an instance's system disk. Our on-instance scripts read
 * {@code ${OSM_ROOT:-}/etc/os-release} and friends, so pointing {@code OSM_ROOT} here makes them see
 * this instance; the command stubs in {@code bin} keep their state in {@code var/lib/osm-sim}.
 */
final class FakeRoot {

    static final String STATE = "var/lib/osm-sim";

    private final Path dir;
    private final Fleet.Instance spec;
    private final Path toolFifo;
    private boolean built;

    /** @param toolFifo the {@link ToolServer}'s FIFO, baked into the shims of the commands served in Java */
    FakeRoot(Path dir, Fleet.Instance spec, Path toolFifo) {
        this.dir = dir;
        this.spec = spec;
        this.toolFifo = toolFifo;
    }

    Path dir() {
        return dir;
    }

    boolean isBuilt() {
        return built;
    }

    /** Builds the root from the fleet profile on first use. */
    synchronized void ensureBuilt(boolean cloudAssistantActive) {
        if (built) {
            return;
        }
        wipe();
        try {
            for (String d : List.of("bin", "usr/local/sbin", "etc/yum.repos.d", "etc/ssh", "etc/pam.d", "proc", "root", "tmp",
                    "var/log", STATE + "/pristine")) {
                Files.createDirectories(dir.resolve(d));
            }
            write("etc/os-release", OsReleaseFile.format(spec.osRelease()));
            write("etc/hostname", spec.instanceName() + "\n");
            write("etc/machine-id", machineId(spec.instanceId()) + "\n");
            if (OsProfiles.isRpmFamily(spec.osRelease())) {
                String release = OsProfiles.redhatRelease(spec.osRelease()) + "\n";
                write("etc/redhat-release", release);
                write("etc/system-release", release);
            }
            for (Map.Entry<String, String> repo : GuestImage.repoFiles(spec).entrySet()) {
                write("etc/yum.repos.d/" + repo.getKey(), repo.getValue());
            }
            write("etc/ssh/sshd_config", GuestImage.sshdConfig(spec.sshd()));
            write(STATE + "/pristine/sshd_config", GuestImage.pristineSshdConfig());
            if (OsProfiles.isRpmFamily(spec.osRelease())) {
                for (Map.Entry<String, String> pam : GuestImage.pam(spec.pamPkcs11()).entrySet()) {
                    write(pam.getKey().substring(1), pam.getValue());
                }
            }
            write("proc/modules", lines(spec.modules()));
            write("proc/meminfo", meminfo(spec.memoryMiB()));
            write(STATE + "/arch", spec.arch() + "\n");
            write(STATE + "/kernel", spec.kernel() + "\n");
            write(STATE + "/packages", lines(spec.packages()));
            write(STATE + "/memory-mib", spec.memoryMiB() + "\n");
            write(STATE + "/filesystems", filesystems(spec.disks()));
            write(STATE + "/private-ip", privateIp(spec.instanceId()) + "\n");
            Stubs.install(dir, OsProfiles.isRpmFamily(spec.osRelease()), toolFifo, GuestTools.commandsOf(spec.packages()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot build fake root " + dir, e);
        }
        built = true;
        writeFaults();
        writeCloudAssistant(cloudAssistantActive);
    }

    /** Faults belong to the instance, not the disk: rewritten after a disk reset too. */
    synchronized void writeFaults() {
        if (!built) {
            return;
        }
        Fleet.Faults f = spec.faults();
        write(STATE + "/fail-step", f.failStep() == null ? "" : f.failStep());
        write(STATE + "/drill-critical", f.drillCritical() ? "true\n" : "false\n");
    }

    /** What {@code systemctl is-active aliyun} reports inside the instance. */
    synchronized void writeCloudAssistant(boolean active) {
        if (built) {
            write(STATE + "/cloud-assistant", active ? "active\n" : "inactive\n");
        }
    }

    Path toolFifo() {
        return toolFifo;
    }

    /** The current os-release, which leapp or a disk reset may have changed. */
    synchronized Map<String, String> osRelease() {
        Path file = dir.resolve("etc/os-release");
        if (!built || !Files.isRegularFile(file)) {
            return spec.osRelease();
        }
        return OsReleaseFile.parse(read(file));
    }

    synchronized String kernel() {
        Path file = dir.resolve(STATE + "/kernel");
        return built && Files.isRegularFile(file) ? read(file).trim() : spec.kernel();
    }

    /** Environment of a RunCommand script: our stubs shadow real commands, real coreutils still work. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OSM_ROOT", dir.toString());
        env.put("PATH", dir.resolve("usr/local/sbin") + ":" + dir.resolve("bin") + ":/usr/bin:/bin");
        env.put("HOME", dir.resolve("root").toString());
        env.put("TMPDIR", dir.resolve("tmp").toString());
        env.put("LANG", "C");
        env.put("USER", "root");
        env.put("LOGNAME", "root");
        env.put("SHELL", "/bin/sh");
        return env;
    }

    /** Point-in-time copy of the whole root: a system disk snapshot. */
    synchronized void captureTo(Path target) {
        copyTree(dir, target);
    }

    /** Replaces the root with a snapshot's copy: what ResetDisk does to a system disk. */
    synchronized void restoreFrom(Path source) {
        wipe();
        copyTree(source, dir);
        built = true;
        writeFaults();
    }

    synchronized void wipe() {
        deleteTree(dir);
        built = false;
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + root, e);
        }
    }

    static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + from + " to " + to, e);
        }
    }

    /** Same instance id, same machine-id: scripts that key on it see a stable machine. */
    static String machineId(String instanceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String privateIp(String instanceId) {
        byte[] id = machineId(instanceId).getBytes(StandardCharsets.US_ASCII);
        return "172.16." + (id[0] % 200 + 1) + "." + (id[1] % 250 + 2);
    }

    private static String meminfo(int memoryMiB) {
        long kib = memoryMiB * 1024L;
        return "MemTotal:       " + kib + " kB\n"
                + "MemFree:        " + kib * 70 / 100 + " kB\n"
                + "MemAvailable:   " + kib * 80 / 100 + " kB\n"
                + "SwapTotal:      0 kB\n"
                + "SwapFree:       0 kB\n";
    }

    // device mountpoint sizeKiB availableKiB fstype, read by the df stub. /boot is a 1 GiB partition.
    private static String filesystems(List<Fleet.Disk> disks) {
        StringBuilder sb = new StringBuilder();
        char dataDevice = 'b';
        int dataIndex = 0;
        for (Fleet.Disk d : disks) {
            long sizeKiB = d.sizeGiB() * 1024L * 1024L;
            if (d.isSystem()) {
                sb.append("/dev/vda2 / ").append(sizeKiB - 1024L * 1024L).append(' ')
                        .append(Math.min(d.freeMiB() * 1024L, sizeKiB - 1024L * 1024L)).append(" ext4\n");
                sb.append("/dev/vda1 /boot ").append(1024L * 1024L).append(' ').append(d.bootFreeMiB() * 1024L).append(" ext4\n");
            } else {
                String mount = dataIndex == 0 ? "/data" : "/data" + dataIndex;
                sb.append("/dev/vd").append(dataDevice).append("1 ").append(mount).append(' ').append(sizeKiB).append(' ')
                        .append(d.freeMiB() * 1024L).append(" xfs\n");
                dataDevice++;
                dataIndex++;
            }
        }
        return sb.toString();
    }

    private static String lines(List<String> values) {
        StringBuilder sb = new StringBuilder();
        values.forEach(v -> sb.append(v).append('\n'));
        return sb.toString();
    }

    private void write(String relative, String content) {
        try {
            Files.writeString(dir.resolve(relative), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + relative + " in fake root " + dir, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
