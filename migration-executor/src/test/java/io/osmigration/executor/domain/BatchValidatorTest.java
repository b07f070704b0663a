package io.osmigration.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BatchValidatorTest {

    private static final Destinations DESTINATIONS = new Destinations(List.of(
            new Destinations.Expected("alinux2", "alinux", "2"), new Destinations.Expected("alinux3", "alinux", "3"),
            new Destinations.Expected("anolis8", "anolis", "8"), new Destinations.Expected("rhel8", "rhel", "8")),
            java.util.Map.of("alinux2", "MIGRATION_PATH_EXPERIMENTAL: every path to Alibaba Cloud Linux 2 is experimental"));

    private final BatchValidator validator = new BatchValidator(2, DESTINATIONS);

    private static BatchCommand command(List<BatchCommand.Target> targets) {
        return new BatchCommand("r-1", "alinux3", targets, "NONE", true, null, null, null, null);
    }

    @Test
    void aGoodRequestPasses() {
        assertThat(validator.validate(command(List.of(new BatchCommand.Target("s-1", null),
                new BatchCommand.Target("s-2", "rhel8"))), Set.of("s-1", "s-2")::contains)).isEmpty();
    }

    @Test
    void anOverLargeBatchIsRefused() {
        List<Violation> violations = validator.validate(command(List.of(new BatchCommand.Target("s-1", null),
                new BatchCommand.Target("s-2", null), new BatchCommand.Target("s-3", null))), id -> true);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("targets");
            assertThat(v.message()).contains("at most 2");
        });
    }

    @Test
    void aTargetWithoutAnyDestinationIsNamed() {
        BatchCommand command = new BatchCommand("r-1", null, List.of(new BatchCommand.Target("s-1", null)), null, true,
                null, null, null, null);
        assertThat(validator.validate(command, id -> true)).extracting(Violation::field)
                .containsExactly("targets[0].destinationOs");
    }

    @Test
    void limitsAreChecked() {
        BatchCommand command = new BatchCommand(" ", "alinux3", List.of(new BatchCommand.Target("s-1", null)),
                "NONE", null, 0, 101, List.of("KERNEL_MODULE_UNSUPPORTED", "rm -rf /"), null);
        assertThat(validator.validate(command, id -> true)).extracting(Violation::field)
                .containsExactlyInAnyOrder("requestId", "acknowledgeRisks", "maxParallel", "failureThresholdPercent",
                        "autoRemediate[1]");
    }

    @Test
    void idsAreDeterministicAndTokensFitEcs() {
        assertThat(Ids.batchId("abc")).startsWith("b-").hasSize(22).isEqualTo(Ids.batchId("abc"));
        String job = Ids.jobId(Ids.batchId("abc"), "s-1");
        assertThat(job).startsWith("j-").hasSize(22);
        assertThat(Ids.clientToken(job, "UPGRADE")).hasSizeLessThanOrEqualTo(64).isEqualTo("osm-" + job + "-upgrade");
    }

    @Test
    void aRefusedDestinationIsNamedWithWhyAndAnUnknownOneWithWhatIsOffered() {
        BatchCommand refused = new BatchCommand("r-1", "alinux2", List.of(new BatchCommand.Target("s-1", "mint21")),
                "NONE", true, null, null, null, null);
        assertThat(validator.validate(refused, id -> true)).satisfiesExactly(
                v -> assertThat(v.field() + ": " + v.message()).isEqualTo("destinationOs: MIGRATION_PATH_EXPERIMENTAL: "
                        + "every path to Alibaba Cloud Linux 2 is experimental"),
                v -> assertThat(v.field() + ": " + v.message()).isEqualTo("targets[0].destinationOs: unsupported "
                        + "destination 'mint21'; supported: alinux3, anolis8, rhel8"));
    }

    @Test
    void destinationsMatchTheirOsRelease() {
        assertThat(DESTINATIONS.expected("alinux2").orElseThrow().matches("alinux", "2.1903")).isTrue();
        assertThat(DESTINATIONS.expected("alinux3").orElseThrow().matches("alinux", "3")).isTrue();
        assertThat(DESTINATIONS.expected("rhel8").orElseThrow().matches("rhel", "8.10")).isTrue();
        assertThat(DESTINATIONS.expected("anolis8").orElseThrow().matches("anolis", "7.9")).isFalse();
        assertThat(DESTINATIONS.expected("alinux3").orElseThrow().matches("alinux", "30")).isFalse();
    }

    @Test
    void scriptOutputIsReadAndBounded() {
        assertThat(ScriptOutput.resultingOs("x\nOSM_RESULT os=Anolis OS 8.8\n")).contains("Anolis OS 8.8");
        assertThat(ScriptOutput.excerpt("a".repeat(5000))).hasSize(2048);
        assertThat(ScriptOutput.excerpt("é".repeat(3000)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .hasSize(2048);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScriptOutput.shellSafe("x'; rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
