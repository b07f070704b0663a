package io.osmigration.precheck.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void comparesComponentByComponent() {
        assertThat(Version.parse("8.0.9")).isLessThan(Version.parse("8.0.36"));
        assertThat(Version.parse("8.0")).isEqualByComparingTo(Version.parse("8.0.0"));
        assertThat(Version.parse("10.2")).isGreaterThan(Version.parse("9.9.9"));
        assertThat(Version.parse("8.0.36a").toString()).isEqualTo("8.0.36");
    }

    @Test
    void refusesNonVersions() {
        assertThatThrownBy(() -> Version.parse("abc")).isInstanceOf(IllegalArgumentException.class);
    }
}
