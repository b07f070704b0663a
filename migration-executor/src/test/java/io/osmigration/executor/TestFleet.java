package io.osmigration.executor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The instances of {@code test-fleet.json} and their source ids (as source-registry derives them). */
final class TestFleet {

    static final String REGION = "cn-hangzhou";
    static final String FAIL_UPGRADE_1 = "i-bp1execfailupgrade1";
    static final String FAIL_UPGRADE_2 = "i-bp1execfailupgrade2";
    static final String DRILL_CRITICAL = "i-bp1execdrillcrit01";
    /** The fake precheck-service fails this one. */
    static final String PRECHECK_FAILS = "i-bp1execprecheckno1";
    /** The fake snapshot-service answers SnapshotCreationFailed for this one. */
    static final String SNAPSHOTS_FAIL = "i-bp1execsnapfail01";
    /** Released (deleted) in the middle of a migration by a test: used once per test JVM. */
    static final String RELEASED = "i-bp1execreleased01";
    /** Its commands hang until their timeout, when a test says so. */
    static final String HANGS = "i-bp1exechangs00001";
    /** Used by ExecutorMetricsTest only: one clean, one whose UPGRADE fails. */
    static final String METRICS_CLEAN = "i-bp1execmetrics0001";
    static final String METRICS_FAILS = "i-bp1execmetricsfail";
    /** The real CentOS 7 lsmod (floppy, pata_acpi loaded) and 3,000 packages: a Leapp report over 200 KB. */
    static final String REAL_MODULES_BIG = "i-bp1execrealmods001";
    /** The real CentOS 7 lsmod on the stock package listing. */
    static final String REAL_MODULES = "i-bp1execrealmods002";
    /** Its next reboot never brings the OS (and its agent) back. */
    static final String NEVER_RETURNS = "i-bp1execnoreturn01";
    /** Clean instances numbered 1..{@value #CLEAN}. */
    static final int CLEAN = 48;

    private TestFleet() {
    }

    /**
     * Clean CentOS 7 instance number {@code n} (1..{@value #CLEAN}); a migrated instance runs Anolis OS 8 afterwards,
     * so each test migrates its own: 21..30 are ReplicasAndRestartTest's, 31..38 and 41..48 BatchedCloudReadsTest's, 39 and
     * 40 IndexCoverageTest's.
     */
    static String clean(int n) {
        return String.format("i-bp1exec%012d", n);
    }

    static String sourceId(String instanceId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("ecs:" + REGION + ":" + instanceId).getBytes(StandardCharsets.UTF_8));
            return "s-" + HexFormat.of().formatHex(digest).substring(0, 20);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
