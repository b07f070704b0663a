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
        assertThat(i.kernel()).isEqualTo("3.10.0-1160.el7.x86_64");
        assertThat(i.disks()).singleElement().satisfies(d -> {
            assertThat(d.diskId()).isEqualTo("d-bp1min");
            assertThat(d.type()).isEqualTo("system");
            assertThat(d.sizeGiB()).isEqualTo(40);
            assertThat(d.freeMiB()).isEqualTo(20480);
            assertThat(d.bootFreeMiB()).isEqualTo(800);
        });
        assertThat(i.packages()).anyMatch(p -> p.startsWith("kernel-3.10.0-1160.el7"));
        assertThat(i.modules()).isNotEmpty();
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
        assertThat(i.kernel()).isEqualTo("5.10.134-16.al8.aarch64");
        assertThat(i.disks()).extracting(Fleet.Disk::diskId).containsExactly("d-1", "d-1-1");
        assertThat(i.disks()).extracting(Fleet.Disk::type).containsExactly("system", "data");
        assertThat(i.faults().failStep()).isEqualTo("UPGRADE");
        assertThat(i.faults().snapshotFails()).isFalse();
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
        // Most instances are clean: none of the above.
        long clean = all.stream().filter(FleetParserTest::clean).count();
        assertThat(clean).isGreaterThan(all.size() / 2);
    }

    private static boolean clean(Fleet.Instance i) {
        return i.packages().stream().noneMatch(p -> p.endsWith(".i686") || p.startsWith("gcc") || p.startsWith("mysql-community-server"))
                && !i.repos().contains("epel-modular") && i.cloudAssistant() && i.memoryMiB() >= 2048
                && i.systemDisk().freeMiB() >= 5120 && i.systemDisk().bootFreeMiB() >= 300
                && i.modules().stream().noneMatch(m -> m.startsWith("floppy ") || m.endsWith("(OE)"))
                && !"ubuntu".equals(i.osRelease().get("ID"));
    }
}
