package io.osmigration.registry.activation;

/** Collector output as a CentOS 7 server prints it, for activation requests in tests. */
final class Facts {

    private Facts() {
    }

    static String centos7(String machineId) {
        return String.join("\n",
                "==osm:os-release==",
                "NAME=\"CentOS Linux\"",
                "ID=\"centos\"",
                "VERSION_ID=\"7\"",
                "PRETTY_NAME=\"CentOS Linux 7 (Core)\"",
                "==osm:arch==", "x86_64",
                "==osm:kernel==", "3.10.0-1160.el7.x86_64",
                "==osm:hostname==", "host-" + machineId,
                "==osm:machine-id==", machineId,
                "==osm:packages==", "bash-4.2.46-35.el7_9.x86_64", "glibc-2.17-326.el7_9.x86_64",
                "==osm:modules==", "ext4 579979 1 - Live 0xffffffffc0381000",
                "==osm:repos==", "base", "updates",
                "==osm:df==",
                "Filesystem     1024-blocks    Used Available Capacity Mounted on",
                "/dev/vda1         41152736 9000000  30000000      24% /",
                "==osm:memory==", "3789",
                "==osm:cloud-assistant==", "installed",
                "==osm:end==", "");
    }
}
