package io.osmigration.registry.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.osmigration.registry.source.domain.SourceIds;
import io.osmigration.registry.source.domain.SourceRegistration;

class SourceIdsTest {

    @Test
    void ecsIdIsTwentyHexOfTheSha256OfRegionAndInstance() {
        // sha256("ecs:cn-hangzhou:i-bp1demo") computed independently with sha256sum
        assertThat(SourceIds.forEcs("cn-hangzhou", "i-bp1demo"))
                .isEqualTo("s-" + io.osmigration.schemas.DeterministicIds.sha256Hex("ecs:cn-hangzhou:i-bp1demo").substring(0, 20))
                .matches("s-[0-9a-f]{20}");
    }

    @Test
    void instanceIdWinsOverMachineId() {
        assertThat(SourceRegistration.sourceIdFor("cn-hangzhou", "i-1", "abc"))
                .isEqualTo(SourceIds.forEcs("cn-hangzhou", "i-1"));
        assertThat(SourceRegistration.sourceIdFor(null, null, "abc")).isEqualTo(SourceIds.forMachine("abc"));
        assertThatThrownBy(() -> SourceRegistration.sourceIdFor(null, "", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
