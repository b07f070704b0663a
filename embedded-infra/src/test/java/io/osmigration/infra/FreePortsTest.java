package io.osmigration.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void findsDistinctFreePortsAndSeesBusyOnes() throws Exception {
        int[] ports = FreePorts.findFreePorts(3);
        assertThat(ports).doesNotHaveDuplicates().doesNotContain(0);
        assertThat(FreePorts.resolve(1234)).isEqualTo(1234);
        assertThat(FreePorts.resolve(0)).isPositive();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isFree(busy.getLocalPort())).isFalse();
        }
    }
}
