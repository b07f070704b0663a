package io.osmigration.registry.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.osmigration.registry.activation.domain.ActivationCode;
import io.osmigration.registry.activation.domain.ActivationSecrets;
import io.osmigration.registry.activation.domain.Refusal;

class ActivationCodeTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void refusalsInOrderOfPrecedence() {
        ActivationCode code = new ActivationCode("ac-1", "h", 2, 0, NOW.minusSeconds(60), NOW.plusSeconds(60), false, null);
        assertThat(code.refusalAt(NOW)).isEmpty();
        assertThat(withUsed(code, 2).refusalAt(NOW)).contains(Refusal.EXHAUSTED);
        assertThat(code.refusalAt(NOW.plusSeconds(60))).contains(Refusal.EXPIRED);
        assertThat(new ActivationCode("ac-1", "h", 2, 2, NOW, NOW.minusSeconds(1), true, null).refusalAt(NOW))
                .contains(Refusal.REVOKED);
    }

    @Test
    void codesAreLongRandomAndShellSafe() {
        String code = ActivationSecrets.newCode();
        assertThat(code).matches("[A-Za-z0-9_-]{40,}").isNotEqualTo(ActivationSecrets.newCode());
        assertThat(ActivationSecrets.hash(code)).hasSize(64).doesNotContain(code);
    }

    private static ActivationCode withUsed(ActivationCode code, int used) {
        return new ActivationCode(code.id(), code.codeHash(), code.quota(), used, code.createdAt(), code.expiresAt(),
                code.revoked(), code.description());
    }
}
