package io.osmigration.precheck;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.osmigration.precheck.rules.MysqlDowngradeRule;
import io.osmigration.precheck.rules.Thresholds;

/**
 * @param rhelConversionAllowed CentOS → RHEL paths are offered (the spec's allow-list; off by default)
 * @param maxConcurrentChecks   checks in flight at once on one replica; more wait in the queue (MongoDB). A check
 *                              waiting for its collector holds no thread and costs no call of its own (one poller
 *                              reads all of them together), so this bounds memory and the burst of RunCommand calls,
 *                              while osm.aliyun.max-calls-per-second bounds the calls
 * @param collectorLinger       how long a replica gathers the checks it took up before it starts their collector: the
 *                              checks gathered in a region share one RunCommand (up to 100 instances), one status
 *                              read and their result reads. Zero starts every round's checks at once
 * @param checkTimeout          a check still running this long after a replica took it up ends FAILED with
 *                              CHECK_TIMEOUT; others go on
 * @param claimLease            how long a replica's claim on a check lasts; renewed while the check runs, so this is
 *                              how soon another replica takes over the checks of one that died
 * @param queuePollInterval     how often a replica looks for checks queued on other replicas (its own wake it)
 * @param maxAttempts           how many times a check may be taken up (its replica died or stopped each time)
 *                              before it ends FAILED with CHECK_ERROR
 * @param factsTimeout          how long to wait for the collector on the instance before falling back to stored facts
 * @param rootMinFreeMib        DISK_SPACE below this much free on /
 * @param bootMinFreeMib        DISK_SPACE below this much free on /boot
 * @param memoryMinMib          MEMORY below this
 * @param mysqlVersions         MySQL version each destination ships, over the built-in table (destination → x.y.z)
 */
@Validated
@ConfigurationProperties("osm.precheck")
public record PrecheckProperties(
        @DefaultValue("false") boolean rhelConversionAllowed,
        @DefaultValue("200") @Min(1) @Max(10_000) int maxConcurrentChecks,
        @DefaultValue("200ms") @NotNull Duration collectorLinger,
        @DefaultValue("120s") @NotNull Duration checkTimeout,
        @DefaultValue("30s") @NotNull Duration claimLease,
        @DefaultValue("1s") @NotNull Duration queuePollInterval,
        @DefaultValue("3") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("60s") @NotNull Duration factsTimeout,
        @DefaultValue("5120") @Min(0) long rootMinFreeMib,
        @DefaultValue("100") @Min(0) long bootMinFreeMib,
        @DefaultValue("1024") @Min(0) long memoryMinMib,
        Map<String, String> mysqlVersions) {

    public PrecheckProperties {
        requirePositive("check-timeout", checkTimeout);
        requirePositive("claim-lease", claimLease);
        requirePositive("queue-poll-interval", queuePollInterval);
        if (collectorLinger != null && collectorLinger.isNegative()) {
            throw new IllegalArgumentException("osm.precheck.collector-linger must not be negative, was "
                    + collectorLinger);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isNegative() || value.isZero())) {
            throw new IllegalArgumentException("osm.precheck." + name + " must be positive, was " + value);
        }
    }

    public Thresholds thresholds() {
        return new Thresholds(rootMinFreeMib, bootMinFreeMib, memoryMinMib);
    }

    public Map<String, String> effectiveMysqlVersions() {
        Map<String, String> versions = new HashMap<>(MysqlDowngradeRule.DEFAULT_VERSIONS);
        if (mysqlVersions != null) {
            versions.putAll(mysqlVersions);
        }
        return versions;
    }
}
