package io.osmigration.registry.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.registry.ecs.domain.DescribedInstance;

class DescribedInstanceTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CentOS  7.9 64 bit|centos|7|x86_64",
            "CentOS  8.5 64 bit|centos|8|x86_64",
            "Red Hat Enterprise Linux 7.9 64 bit|rhel|7.9|x86_64",
            "Alibaba Cloud Linux  2.1903 LTS 64 bit|alinux|2.1903|x86_64",
            "Alibaba Cloud Linux  3.2104 LTS 64 bit ARM Edition|alinux|3|aarch64",
            "Ubuntu  22.04 64 bit|ubuntu|22.04|x86_64"})
    void osFromTheInstanceDescription(String osNameEn, String id, String version, String arch) {
        ServerFacts facts = new DescribedInstance("i-1", "cn-hangzhou", "web-01", "web01", "Running", osNameEn + " (zh)",
                osNameEn, 4096).toFacts(Instant.EPOCH);
        assertThat(facts.osId()).isEqualTo(id);
        assertThat(facts.osVersionId()).isEqualTo(version);
        assertThat(facts.arch()).isEqualTo(arch);
        assertThat(facts.hostname()).isEqualTo("web01");
        assertThat(facts.memoryMiB()).isEqualTo(4096L);
        assertThat(facts.packages()).isEmpty();
    }
}
