package io.osmigration.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void aSealedValueOpensOnlyWithItsContextAndShowsNothingOfThePlainValue() {
        SecretSealer sealer = sealer(KEY_A, List.of());
        String sealed = sealer.seal("SEC-very-secret", "channels/ch-1/secret");
        assertThat(sealed).startsWith("osm:sealed:v1:k").doesNotContain("very-secret");
        assertThat(sealer.seal("SEC-very-secret", "channels/ch-1/secret")).isNotEqualTo(sealed);
        assertThat(sealer.open(sealed, "channels/ch-1/secret")).isEqualTo("SEC-very-secret");
        assertThatThrownBy(() -> sealer.open(sealed, "channels/ch-2/secret")).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("very-secret");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "B" : "A") + "A";
        assertThatThrownBy(() -> sealer.open(tampered, "channels/ch-1/secret")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String old = sealer(KEY_A, List.of()).seal("old", "x");
        SecretSealer rotated = sealer(KEY_B, List.of(KEY_A));
        assertThat(rotated.open(old, "x")).isEqualTo("old");
        assertThat(rotated.needsResealing(old)).isTrue();
        String fresh = rotated.seal("new", "x");
        assertThat(rotated.needsResealing(fresh)).isFalse();
        assertThat(fresh).startsWith("osm:sealed:v1:" + rotated.currentKeyId() + ":");
        assertThatThrownBy(() -> sealer(KEY_B, List.of()).open(old, "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("old-data-keys");
    }

    @Test
    void valuesWrittenBeforeSealingArePassedThroughAndMarkedForResealing() {
        SecretSealer sealer = sealer(KEY_A, List.of());
        assertThat(sealer.open("plain-from-v1", "x")).isEqualTo("plain-from-v1");
        assertThat(sealer.needsResealing("plain-from-v1")).isTrue();
        assertThat(sealer.open(null, "x")).isNull();
    }

    @Test
    void aMissingOrMalformedKeyIsAClearError() {
        assertThatThrownBy(() -> sealer("", List.of()).requireKey("webhook secrets"))
                .hasMessageContaining("osm.security.data-key is not set").hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> sealer(Base64.getEncoder().encodeToString(new byte[7]), List.of()))
                .hasMessageContaining("16, 24 or 32 bytes");
        assertThatThrownBy(() -> sealer("not base64 !", List.of())).hasMessageContaining("not base64");
    }

    private static SecretSealer sealer(String key, List<String> old) {
        return SecretSealer.from(new SecurityProperties(List.of(), List.of(), "osm_security",
                java.time.Duration.ofSeconds(10), key, old, new SecurityProperties.Audit(
                java.time.Duration.ofMillis(500), java.time.Duration.ofMinutes(2))));
    }
}
