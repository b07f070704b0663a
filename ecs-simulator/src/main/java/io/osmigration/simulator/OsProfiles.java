package io.osmigration.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.osmigration.simulator.guest.Nevra;

/**
 * Plausible defaults for an instance's operating system, so that a fleet file may say as little as
 * {@code {"instanceId": "i-..."}} and still describe a consistent CentOS 7 machine.
 */
final class OsProfiles {

    /** os-release IDs whose package manager is rpm/yum (stubs for rpm, yum, dnf, leapp are installed). */
    static final Set<String> RPM_FAMILY = Set.of("centos", "rhel", "alinux", "anolis", "fedora", "rocky", "almalinux", "ol");

    private OsProfiles() {
    }

    static Map<String, String> completeOsRelease(Map<String, String> given) {
        Map<String, String> m = new LinkedHashMap<>();
        if (given == null || given.isEmpty()) {
            m.put("NAME", "CentOS Linux");
            m.put("VERSION", "7 (Core)");
            m.put("ID", "centos");
            m.put("ID_LIKE", "rhel fedora");
            m.put("VERSION_ID", "7");
            m.put("PRETTY_NAME", "CentOS Linux 7 (Core)");
            m.put("ANSI_COLOR", "0;31");
            m.put("CPE_NAME", "cpe:/o:centos:centos:7");
            m.put("HOME_URL", "https://www.centos.org/");
            return Collections.unmodifiableMap(m);
        }
        m.putAll(given);
        m.putIfAbsent("ID", "linux");
        m.putIfAbsent("NAME", m.get("ID"));
        if (!m.containsKey("PRETTY_NAME")) {
            String version = m.getOrDefault("VERSION", m.getOrDefault("VERSION_ID", ""));
            m.put("PRETTY_NAME", (m.get("NAME") + " " + version).trim());
        }
        return Collections.unmodifiableMap(m);
    }

    static String id(Map<String, String> osRelease) {
        return osRelease.getOrDefault("ID", "linux").toLowerCase(Locale.ROOT);
    }

    static String major(Map<String, String> osRelease) {
        String v = osRelease.getOrDefault("VERSION_ID", "");
        int dot = v.indexOf('.');
        return dot < 0 ? v : v.substring(0, dot);
    }

    static boolean isRpmFamily(Map<String, String> osRelease) {
        return RPM_FAMILY.contains(id(osRelease));
    }

    /** A dist tag like el7/el8/al7/al8 used to make package names look right. */
    static String distTag(Map<String, String> osRelease) {
        String id = id(osRelease);
        String major = major(osRelease);
        if ("alinux".equals(id)) {
            return "3".equals(major) ? "al8" : "al7";
        }
        if ("anolis".equals(id)) {
            return "an" + major;
        }
        return "el" + (major.isEmpty() ? "7" : major);
    }

    static String defaultKernel(Map<String, String> osRelease, String arch) {
        String id = id(osRelease);
        String major = major(osRelease);
        String base;
        switch (id) {
            case "alinux" -> base = "3".equals(major) ? "5.10.134-16.al8" : "4.19.91-27.al7";
            case "anolis" -> base = "8".equals(major) ? "5.10.134-13.an8" : "3.10.0-1160.an7";
            case "ubuntu" -> {
                return "5.15.0-91-generic";
            }
            case "debian" -> {
                return "6.1.0-18-" + ("aarch64".equals(arch) ? "arm64" : "amd64");
            }
            default -> base = "8".equals(major) ? "4.18.0-348.7.1.el8_5" : "3.10.0-1160.el7";
        }
        return base + "." + arch;
    }

    /** The release file that RHEL-family tools and scripts read ({@code /etc/redhat-release}). */
    static String redhatRelease(Map<String, String> osRelease) {
        String id = id(osRelease);
        String major = major(osRelease);
        if ("centos".equals(id) && "7".equals(major)) {
            return "CentOS Linux release 7.9.2009 (Core)";
        }
        if ("centos".equals(id) && "8".equals(major)) {
            return "CentOS Linux release 8.5.2111";
        }
        String version = osRelease.getOrDefault("VERSION", osRelease.getOrDefault("VERSION_ID", ""));
        return (osRelease.getOrDefault("NAME", id) + " release " + version).trim();
    }

    /**
     * A real {@code rpm -qa} for the OS: the CentOS 7 server listing for EL7, the CentOS 8 one for
     * EL8, retagged with the distribution's dist tag for Alibaba Cloud Linux and Anolis OS.
     */
    static List<String> defaultPackages(Map<String, String> osRelease, String arch) {
        if (!isRpmFamily(osRelease)) {
            return List.of("bash_5.1-6ubuntu1.1_amd64", "openssh-server_8.9p1-3ubuntu0.6_amd64", "systemd_249.11-0ubuntu3.12_amd64");
        }
        String id = id(osRelease);
        boolean el8 = !"7".equals(major(osRelease)) && !("alinux".equals(id) && "2".equals(major(osRelease)));
        List<String> listing = RealHostListings.packages("rhel".equals(id) && !el8 ? RealHostListings.RHEL72_SERVER
                : el8 ? RealHostListings.CENTOS8 : RealHostListings.CENTOS7_SERVER);
        String tag = distTag(osRelease);
        Map<String, String> retag = new LinkedHashMap<>();
        if (!tag.startsWith("el")) {
            retag.put(el8 ? ".el8" : ".el7.centos", "." + tag);
            retag.put(el8 ? ".el8" : ".el7", "." + tag);
        }
        if (!"x86_64".equals(arch)) {
            retag.put(".x86_64", "." + arch);
        }
        List<String> tagged = retag.isEmpty() ? listing : RealHostListings.retagged(listing, retag);
        String release = releasePackage(osRelease, arch);
        if (release == null) {
            return tagged;
        }
        List<String> out = new java.util.ArrayList<>(tagged.size());
        for (String p : tagged) {
            out.add(Nevra.name(p).equals("centos-release") ? release : p);
        }
        return out;
    }

    // The package that owns /etc/os-release, for distributions whose listing we borrow from CentOS.
    private static String releasePackage(Map<String, String> osRelease, String arch) {
        String v = osRelease.getOrDefault("VERSION_ID", "");
        return switch (id(osRelease)) {
            case "alinux" -> "3".equals(major(osRelease)) ? "alinux-release-3.2104.10-1.al8." + arch : "alinux-release-2.1903-13.al7." + arch;
            case "anolis" -> "anolis-release-" + v + "-1." + distTag(osRelease) + "." + arch;
            case "rhel" -> "8".equals(major(osRelease)) ? "redhat-release-" + v + "-0.3.el8." + arch : null;
            default -> null;
        };
    }

    /** The newest installed {@code kernel} package as {@code uname -r} prints it, or a plausible default. */
    static String newestKernel(List<String> packages, Map<String, String> osRelease, String arch) {
        String newest = Nevra.newest(packages, "kernel");
        return newest == null ? defaultKernel(osRelease, arch) : newest;
    }

    static List<String> defaultModules() {
        return List.of(
                "virtio_net 28024 0 - Live 0xffffffffc02e2000",
                "virtio_blk 18156 3 - Live 0xffffffffc02d8000",
                "virtio_pci 22985 0 - Live 0xffffffffc02ce000",
                "virtio_ring 22991 3 virtio_net,virtio_blk,virtio_pci, Live 0xffffffffc02c3000",
                "virtio 14959 3 virtio_net,virtio_blk,virtio_pci, Live 0xffffffffc02b9000",
                "ext4 579979 1 - Live 0xffffffffc0381000",
                "jbd2 107478 1 ext4, Live 0xffffffffc0362000",
                "mbcache 14958 1 ext4, Live 0xffffffffc02b4000");
    }

    static List<String> defaultRepos(Map<String, String> osRelease, String arch) {
        String id = id(osRelease);
        String major = major(osRelease);
        return switch (id) {
            case "centos" -> "8".equals(major) ? List.of("baseos", "appstream", "extras") : List.of("base", "updates", "extras");
            case "rhel" -> "8".equals(major)
                    ? List.of("rhel-8-for-" + arch + "-baseos-rpms", "rhel-8-for-" + arch + "-appstream-rpms")
                    : List.of("rhel-7-server-rpms", "rhel-7-server-extras-rpms");
            case "alinux" -> "3".equals(major) ? List.of("alinux3-os", "alinux3-updates", "alinux3-plus")
                    : List.of("alinux2-os", "alinux2-updates", "alinux2-plus");
            case "anolis" -> List.of("BaseOS", "AppStream");
            default -> List.of();
        };
    }
}
