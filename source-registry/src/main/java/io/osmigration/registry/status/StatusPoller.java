package io.osmigration.registry.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.SharedSchedule;
import io.osmigration.platform.work.BackgroundLoop;
import io.osmigration.registry.RegistryProperties;
import io.osmigration.registry.ecs.EcsInventory;
import io.osmigration.registry.source.SourceSummary;
import io.osmigration.registry.source.Sources;
import io.osmigration.registry.source.domain.SourceStatus;

/**
 * Keeps every source's ONLINE/OFFLINE status current, every {@code osm.registry.status-poll-interval}: ECS sources
 * by DescribeCloudAssistantStatus (batched per region), script-imported ones by the age of their last heartbeat.
 * Each transition is a SourceStatusChanged. One replica polls per interval, whichever takes the turn first (platform
 * {@link SharedSchedule}), so more replicas do not mean more DescribeCloudAssistantStatus calls against the account's
 * API rate limit; the loop itself is a platform {@link BackgroundLoop}.
 */
@Component
class StatusPoller extends BackgroundLoop {

    static final String TASK = "source-status-poll";

    private static final Logger log = LoggerFactory.getLogger(StatusPoller.class);
    private static final int PAGE = 500;
    static final String AGENT_OFFLINE = "Cloud Assistant agent is not running on the instance";
    static final String AGENT_ONLINE = "Cloud Assistant agent is online";

    private final Sources sources;
    private final EcsInventory inventory;
    private final SharedSchedule schedule;
    private final RegistryProperties properties;
    private final Clock clock;

    StatusPoller(Sources sources, EcsInventory inventory, SharedSchedule schedule, RegistryProperties properties,
                 Clock clock) {
        super("source-status-poller");
        this.sources = sources;
        this.inventory = inventory;
        this.schedule = schedule;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Polls if it is this replica's turn. Always 0 — a poll is periodic work, not a queue to drain — so the loop
     * looks again after {@link #idleWait()}.
     */
    @Override
    public int runOnce() {
        Optional<Claim> turn = schedule.claimIfDue(TASK, lease());
        if (turn.isEmpty()) {
            return 0;
        }
        try {
            int changed = pollOnce();
            log.debug("Status poll: {} source(s) changed", changed);
        } catch (RuntimeException e) {
            schedule.release(turn.get());
            throw e;
        }
        schedule.done(turn.get(), properties.statusPollInterval());
        return 0;
    }

    /** One round over all sources; returns how many changed status. */
    int pollOnce() {
        return pollEcsSources() + expireHeartbeats();
    }

    /** Long enough for a round over a large fleet; a replica that dies mid-round hands the turn on after it. */
    private Duration lease() {
        Duration twice = properties.statusPollInterval().multipliedBy(2);
        return twice.compareTo(Duration.ofMinutes(2)) > 0 ? twice : Duration.ofMinutes(2);
    }

    /** Checks for its turn a few times per interval, so the turn moves on soon after a replica stops. */
    @Override
    protected Duration idleWait() {
        Duration quarter = properties.statusPollInterval().dividedBy(4);
        return quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
    }

    private int pollEcsSources() {
        int changed = 0;
        String after = null;
        while (true) {
            List<SourceSummary> page = sources.ecsSourcesAfter(after, PAGE);
            if (page.isEmpty()) {
                return changed;
            }
            Map<String, List<SourceSummary>> byRegion = page.stream().filter(source -> source.regionId() != null)
                    .collect(Collectors.groupingBy(SourceSummary::regionId, LinkedHashMap::new, Collectors.toList()));
            for (Map.Entry<String, List<SourceSummary>> region : byRegion.entrySet()) {
                changed += pollRegion(region.getKey(), region.getValue());
            }
            after = page.get(page.size() - 1).sourceId();
        }
    }

    private int pollRegion(String regionId, List<SourceSummary> regionSources) {
        Map<String, Boolean> online;
        List<String> instanceIds = regionSources.stream().map(SourceSummary::instanceId).toList();
        try {
            online = assistantOnline(regionId, instanceIds);
        } catch (CloudApiException e) {
            log.warn("Cannot poll Cloud Assistant status in {} this round: {}", regionId, e.getMessage());
            return 0;
        }
        int changed = 0;
        for (SourceSummary source : regionSources) {
            Boolean reported = online.get(source.instanceId());
            SourceStatus next = Boolean.TRUE.equals(reported) ? SourceStatus.ONLINE : SourceStatus.OFFLINE;
            String reason = reported == null ? "ECS no longer reports the instance"
                    : reported ? AGENT_ONLINE : AGENT_OFFLINE;
            if (next != source.status() && sources.changeStatus(source.sourceId(), source.status(), next, reason)) {
                changed++;
            }
        }
        return changed;
    }

    /**
     * ECS refuses a whole status call when one of its instances was released; then ask which still exist and poll
     * those, so that one released instance cannot blind the poller to the rest of the region.
     */
    private Map<String, Boolean> assistantOnline(String regionId, List<String> instanceIds) {
        try {
            return inventory.assistantOnline(regionId, instanceIds);
        } catch (CloudApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
            List<String> existing = List.copyOf(inventory.describe(regionId, instanceIds).keySet());
            return existing.isEmpty() ? Map.of() : inventory.assistantOnline(regionId, existing);
        }
    }

    private int expireHeartbeats() {
        Instant cutoff = clock.instant().minus(properties.heartbeatTimeout());
        int changed = 0;
        for (SourceSummary source : sources.silentSince(cutoff, PAGE)) {
            if (sources.changeStatus(source.sourceId(), SourceStatus.ONLINE, SourceStatus.OFFLINE,
                    "no heartbeat since " + source.lastSeenAt())) {
                changed++;
            }
        }
        return changed;
    }

    /** Stop polling before the outbox relay and the clients it uses go away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 500;
    }
}
