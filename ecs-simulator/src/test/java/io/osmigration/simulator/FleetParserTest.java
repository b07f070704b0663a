package io.osmigration.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class FleetParserTest {

    @Test
    void onlyInstanceIdIsRequiredEverythingElseIsDefaulted() {
        Fleet fleet = FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-bp1min\"}]}", "test");

        assertThat(fleet.accessKeyId()).isEqualTo(Fleet.DEMO_ACCESS_KEY_ID);
        assertThat(fleet.accessKeySecret()).isEqualTo(Fleet.DEMO_ACCESS_KEY_SECRET);
        Fleet.Instance i = fleet.instances().get(0);
        assertThat(i.regionId()).isEqualTo("cn-hangzhou");
        assertThat(i.instanceName()).isEqualTo("i-bp1min");
        assertThat(i.status()).isEqualTo("Running");
        assertThat(i.arch()).isEqualTo("x86_64");
        assertThat(i.cloudAssistant()).isTrue();
        assertThat(i.memoryMiB()).isEqualTo(4096);
        assertThat(i.osRelease()).containsEntry("ID", "centos").containsEntry("VERSION_ID", "7")
                .containsEntry("PRETTY_NAME", "CentOS Linux 7 (Core)");
        // A real CentOS 7 server's rpm -qa (world/hosts/centos7-server.txt); its newest kernel is the one that boots.
        assertThat(i.packages()).hasSizeGreaterThan(380).contains("openssh-server-7.4p1-22.el7_9.x86_64");
        assertThat(i.kernel()).isEqualTo("3.10.0-1160.92.1.el7.x86_64");
        assertThat(i.disks()).singleElement().satisfies(d -> {
            assertThat(d.diskId()).isEqualTo("d-bp1min");
            assertThat(d.type()).isEqualTo("system");
            assertThat(d.sizeGiB()).isEqualTo(40);
            assertThat(d.freeMiB()).isEqualTo(20480);
            assertThat(d.bootFreeMiB()).isEqualTo(800);
        });
        assertThat(i.packages()).contains("kernel-3.10.0-1160.92.1.el7.x86_64", "aliyun_assist-2.2.3.857-1.x86_64");
        assertThat(i.modules()).isNotEmpty();
        assertThat(i.sshd().permitRootLogin()).isEqualTo("yes");
        assertThat(i.pamPkcs11()).as("authconfig's smartcard-auth on EL7").isTrue();
        assertThat(i.internet()).isTrue();
        assertThat(i.leapp().offlineDuration()).isEqualTo("PT40M");
        assertThat(i.faults().brokenRepos()).isEmpty();
        assertThat(i.faults().rebootNeverReturns()).isFalse();
        assertThat(i.repos()).containsExactly("base", "updates", "extras");
        assertThat(i.faults().failStep()).isNull();
        assertThat(i.faults().drillCritical()).isFalse();
        assertThat(i.faults().snapshotFails()).isFalse();
    }

    @Test
    void partialValuesKeepWhatIsGivenAndDeriveTheRest() {
        Fleet fleet = FleetParser.parse("""
                {"accessKeyId": "k", "accessKeySecret": "s", "instances": [{
                  "instanceId": "i-1", "arch": "aarch64",
                  "osRelease": {"ID": "alinux", "VERSION_ID": "3", "NAME": "Alibaba Cloud Linux"},
                  "disks": [{"sizeGiB": 50}, {"sizeGiB": 200}],
                  "faults": {"failStep": "UPGRADE"}
                }]}""", "test");

        Fleet.Instance i = fleet.instances().get(0);
        assertThat(i.osRelease()).containsEntry("PRETTY_NAME", "Alibaba Cloud Linux 3");
        // The CentOS 8 listing rebuilt as Alibaba Cloud Linux 3 packages: its newest kernel boots.
        assertThat(i.packages()).contains("alinux-release-3.2104.10-1.al8.aarch64").noneMatch(p -> p.contains(".el8"));
        assertThat(i.kernel()).isEqualTo("4.18.0-147.8.1.al8_1.aarch64");
        assertThat(i.pamPkcs11()).isFalse();
        assertThat(i.disks()).extracting(Fleet.Disk::diskId).containsExactly("d-1", "d-1-1");
        assertThat(i.disks()).extracting(Fleet.Disk::type).containsExactly("system", "data");
        assertThat(i.faults().failStep()).isEqualTo("UPGRADE");
        assertThat(i.faults().snapshotFails()).isFalse();
    }

    @Test
    void listingsFromBundledRealHostsFilesAndGrownOnes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("pkgs.txt"), "bash-4.2.46-35.el7_9.x86_64\nglibc-2.17-326.el7_9.x86_64\n");
        java.nio.file.Files.writeString(dir.resolve("fleet.json"), """
                {"instances": [
                  {"instanceId": "i-file", "packagesFile": "pkgs.txt", "kernel": "3.10.0-1160.el7.x86_64"},
                  {"instanceId": "i-big", "packagesFile": "centos7-server", "packageCount": 1500,
                   "packages": ["glibc-2.17-326.el7_9.i686", "@listing", "zlib-1.2.7-21.el7_9.i686"], "modulesFile": "lsmod-centos7"},
                  {"instanceId": "i-rhel", "packagesFile": "rhel72-server", "osRelease": {"ID": "rhel", "VERSION_ID": "7.9"}}
                ]}""");
        Fleet fleet = FleetParser.parse(dir.resolve("fleet.json"));
        Fleet.Instance file = fleet.instances().get(0);
        assertThat(file.packages()).containsExactly("bash-4.2.46-35.el7_9.x86_64", "glibc-2.17-326.el7_9.x86_64",
                "kernel-3.10.0-1160.el7.x86_64", "aliyun_assist-2.2.3.857-1.x86_64");
        Fleet.Instance big = fleet.instances().get(1);
        assertThat(big.packages()).hasSize(1500 + 2 + 1 /* aliyun_assist */).startsWith("glibc-2.17-326.el7_9.i686")
                .contains("zlib-1.2.7-21.el7_9.i686", "openssh-server-7.4p1-22.el7_9.x86_64")
                .doesNotHaveDuplicates();
        assertThat(big.packages().indexOf("zlib-1.2.7-21.el7_9.i686")).isEqualTo(1501);
        assertThat(big.modules()).hasSize(89).anyMatch(m -> m.startsWith("floppy 69432 0 - Live"))
                .anyMatch(m -> m.startsWith("pata_acpi 13053 0 - Live")).anyMatch(m -> m.startsWith("libata 243133 3 pata_acpi,ata_generic,ata_piix, Live"));
        assertThat(fleet.instances().get(2).packages()).contains("redhat-release-server-7.2-9.el7.x86_64");
    }

    @Test
    void newFieldsAreValidated() {
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"sshd\": {\"permitRootLogin\": \"maybe\"}}]}", "f"))
                .isInstanceOf(FleetException.class).hasMessageContaining("'sshd.permitRootLogin'").hasMessageContaining("unset");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"packagesFile\": \"centos9\"}]}", "f"))
                .isInstanceOf(FleetException.class).hasMessageContaining("centos9");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"leapp\": {\"offlineDuration\": \"40 minutes\"}}]}", "f"))
                .isInstanceOf(FleetException.class).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"leapp\": {\"offlinePhase\": \"PT1M\"}}]}", "f"))
                .isInstanceOf(FleetException.class).hasMessageContaining("Unknown field 'offlinePhase'").hasMessageContaining("instances[0].leapp");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"repoBaseUrl\": \"ftp://x\"}]}", "f"))
                .isInstanceOf(FleetException.class).hasMessageContaining("'repoBaseUrl'");
    }

    @Test
    void unknownTopLevelFieldIsAnErrorNamingTheField() {
        assertThatThrownBy(() -> FleetParser.parse("{\"accessKeyID\": \"x\", \"instances\": []}", "fleet.json"))
                .isInstanceOf(FleetException.class)
                .hasMessageContaining("Unknown field 'accessKeyID'")
                .hasMessageContaining("fleet.json")
                .hasMessageContaining("accessKeyId");
    }

    @Test
    void unknownNestedFieldNamesTheFieldAndWhereItIs() {
        String json = """
                {"instances": [
                  {"instanceId": "i-1"},
                  {"instanceId": "i-2", "faults": {"snapshotFail": true}}
                ]}""";
        assertThatThrownBy(() -> FleetParser.parse(json, "fleet.json"))
                .isInstanceOf(FleetException.class)
                .hasMessageContaining("Unknown field 'snapshotFail'")
                .hasMessageContaining("instances[1].faults")
                .hasMessageContaining("snapshotFails");
    }

    @Test
    void missingInstanceIdIsAnError() {
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceName\": \"web\"}]}", "f"))
                .isInstanceOf(FleetException.class).hasMessageContaining("'instanceId'").hasMessageContaining("instances[0]");
    }

    @Test
    void invalidValuesAreErrorsNamingTheField() {
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"status\": \"Sleeping\"}]}", "f"))
                .hasMessageContaining("'status'");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"../etc\"}]}", "f"))
                .hasMessageContaining("'instanceId'");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\"}, {\"instanceId\": \"i-1\"}]}", "f"))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"memoryMiB\": \"lots\"}]}", "f"))
                .isInstanceOf(FleetException.class).hasMessageContaining("memoryMiB");
        assertThatThrownBy(() -> FleetParser.parse("{\"instances\": [{\"instanceId\": \"i-1\", \"disks\": [{\"type\": \"data\"}]}]}", "f"))
                .hasMessageContaining("exactly one disk of type system");
    }

    @Test
    void demoFleetCoversEverySourceOsArchitectureFindingAndFault() {
        Fleet fleet = FleetParser.demo();
        List<Fleet.Instance> all = fleet.instances();
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all).allSatisfy(i -> {
            assertThat(i.regionId()).isEqualTo("cn-hangzhou");
            assertThat(i.instanceId()).startsWith("i-bp1demo");
        });
        assertThat(all.stream().map(i -> i.osRelease().get("ID") + " " + i.osRelease().get("VERSION_ID") + " " + i.arch())
                .collect(Collectors.toSet()))
                .contains("centos 7 x86_64", "centos 7 aarch64", "centos 8 x86_64", "centos 8 aarch64", "rhel 7.9 x86_64",
                        "rhel 8.8 x86_64", "alinux 2.1903 x86_64", "ubuntu 22.04 x86_64");
        assertThat(all).anyMatch(i -> i.packages().contains("glibc-2.17-326.el7_9.i686"));
        assertThat(all).anyMatch(i -> i.repos().contains("epel-modular"));
        assertThat(all).anyMatch(i -> i.packages().stream().anyMatch(p -> p.startsWith("gcc-c++-")));
        assertThat(all).anyMatch(i -> i.modules().stream().anyMatch(m -> m.startsWith("floppy "))
                && i.modules().stream().anyMatch(m -> m.endsWith("(OE)")));
        assertThat(all).anyMatch(i -> i.packages().stream().anyMatch(p -> p.startsWith("mysql-community-server-8.4.")));
        assertThat(all).anyMatch(i -> !i.cloudAssistant());
        assertThat(all).anyMatch(i -> i.systemDisk().freeMiB() < 1024 || i.systemDisk().bootFreeMiB() < 100);
        assertThat(all).anyMatch(i -> i.memoryMiB() == 512);
        assertThat(all).anyMatch(i -> "UPGRADE".equals(i.faults().failStep()));
        assertThat(all).anyMatch(i -> i.faults().drillCritical());
        assertThat(all).anyMatch(i -> i.faults().snapshotFails());
        assertThat(all).anyMatch(i -> i.disks().size() > 1);
        assertThat(all).anyMatch(i -> i.packages().size() >= 1500);
        assertThat(all).anyMatch(i -> "unset".equals(i.sshd().permitRootLogin()));
        assertThat(all).anyMatch(i -> i.repoBaseUrl() != null && i.repoBaseUrl().contains("centos-vault"));
        // Real servers, not toys: every RPM host carries a real listing of hundreds of packages.
        assertThat(all.stream().filter(i -> !"ubuntu".equals(i.osRelease().get("ID"))))
                .allSatisfy(i -> assertThat(i.packages()).hasSizeGreaterThan(380));
        // Most instances are clean: none of the above.
        long clean = all.stream().filter(FleetParserTest::clean).count();
        assertThat(clean).isGreaterThan(all.size() / 3);
    }

    private static boolean clean(Fleet.Instance i) {
        return i.packages().stream().noneMatch(p -> p.endsWith(".i686") || p.startsWith("mysql-community-server"))
                && !i.repos().contains("epel-modular") && i.cloudAssistant() && i.memoryMiB() >= 2048
                && i.systemDisk().freeMiB() >= 5120 && i.systemDisk().bootFreeMiB() >= 300
                && i.modules().stream().noneMatch(m -> m.startsWith("floppy ") || m.endsWith("(OE)"))
                && !"ubuntu".equals(i.osRelease().get("ID")) && i.faults().failStep() == null && !i.faults().drillCritical()
                && !i.faults().snapshotFails();
    }
}
