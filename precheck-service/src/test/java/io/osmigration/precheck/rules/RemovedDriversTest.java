package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RemovedDriversTest {

    @Test
    void derivedTableLoadsWithWholeAndPartialEntries() {
        RemovedDrivers drivers = RemovedDrivers.load();
        assertThat(drivers.size()).isGreaterThan(80);
        assertThat(drivers.lookup("floppy")).hasValueSatisfying(e -> assertThat(e.wholeDriver()).isTrue());
        assertThat(drivers.lookup("pata_acpi")).hasValueSatisfying(e -> assertThat(e.wholeDriver()).isTrue());
        assertThat(drivers.lookup("lpfc")).hasValueSatisfying(e -> {
            assertThat(e.wholeDriver()).isFalse();
            assertThat(e.removedDeviceIds()).contains("0x10df:0x1ae5");
        });
        assertThat(drivers.lookup("nvmet_fc")).isEmpty(); // still available in EL8
        assertThat(drivers.lookup("virtio_net")).isEmpty();
    }

    @Test
    void badLinesAreRefused() {
        assertThatThrownBy(() -> RemovedDrivers.parse(List.of("floppy,MAYBE,")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
