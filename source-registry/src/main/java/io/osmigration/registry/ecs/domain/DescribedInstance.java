package io.osmigration.registry.ecs.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.osmigration.platform.facts.ServerFacts;

/**
 * What DescribeInstances says about an instance. When Cloud Assistant cannot run the collector these are the only
 * facts there are, so {@link #toFacts} makes the best of the OS name.
 */
public record DescribedInstance(String instanceId, String regionId, String instanceName, String hostName,
                                String status, String osName, String osNameEn, Integer memoryMiB) {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    /** Facts without the collector: OS from its name, hostname and memory; packages and the rest unknown. */
    public ServerFacts toFacts(Instant collectedAt) {
        String name = osNameEn != null && !osNameEn.isBlank() ? osNameEn : nullToEmpty(osName);
        String pretty = osName != null && !osName.isBlank() ? osName : name;
        String osId = osId(name);
        return new ServerFacts(osId, versionId(osId, name), pretty, arch(name), "",
                hostName != null && !hostName.isBlank() ? hostName : nullToEmpty(instanceName), null,
                List.of(), List.of(), List.of(), null, null,
                memoryMiB == null ? null : memoryMiB.longValue(), false, collectedAt);
    }

    /** The os-release ID that the OS name stands for ({@code centos}, {@code rhel}, {@code alinux}, ...). */
    static String osId(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.contains("centos")) {
            return "centos";
        }
        if (name.contains("red hat") || name.contains("redhat") || name.contains("rhel")) {
            return "rhel";
        }
        if (name.contains("alibaba cloud linux") || name.contains("aliyun linux") || name.contains("alinux")) {
            return "alinux";
        }
        if (name.contains("anolis")) {
            return "anolis";
        }
        for (String known : List.of("ubuntu", "debian", "rocky", "almalinux", "opensuse", "sles", "fedora")) {
            if (name.contains(known)) {
                return known;
            }
        }
        return name.isBlank() ? "" : name.split("\\s+")[0];
    }

    /** CentOS' os-release VERSION_ID is the major version only; the others keep what the name says. */
    static String versionId(String osId, String osName) {
        Matcher matcher = VERSION.matcher(osName);
        if (!matcher.find()) {
            return "";
        }
        String version = matcher.group(1);
        if ("centos".equals(osId) || "alinux".equals(osId) && version.startsWith("3")) {
            int dot = version.indexOf('.');
            return dot < 0 ? version : version.substring(0, dot);
        }
        return version;
    }

    static String arch(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.contains("arm") || name.contains("aarch64")) {
            return "aarch64";
        }
        return name.contains("64") ? "x86_64" : "";
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
