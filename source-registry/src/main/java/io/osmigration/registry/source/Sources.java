package io.osmigration.registry.source;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.registry.source.domain.SourceRegistration;
import io.osmigration.registry.source.domain.SourceStatus;

/**
 * The source feature's API for the other features: record an import, a heartbeat or a status change. Each writes the
 * source and its event ({@code SourceImported} / {@code SourceStatusChanged}) in one document update.
 */
@Service
public class Sources {

    private static final Logger log = LoggerFactory.getLogger(Sources.class);

    private final SourceStore store;
    private final OutboxRelay outboxRelay;
    private final Clock clock;

    public Sources(SourceStore store, OutboxRelay outboxRelay, Clock clock) {
        this.store = store;
        this.outboxRelay = outboxRelay;
        this.clock = clock;
    }

    /** Creates or updates the source and queues a new SourceImported; importing again never makes a second source. */
    public SourceSummary register(SourceRegistration registration) {
        Instant now = clock.instant();
        SourceDocument saved = store.upsert(registration.sourceId(), (document, created) -> {
            if (created) {
                document.setFirstImportedAt(now);
            }
            document.setInstanceId(registration.instanceId());
            document.setRegionId(registration.regionId());
            document.setImportMethod(registration.importMethod());
            document.setStatus(registration.status());
            document.setStatusReason(registration.statusReason());
            document.setFacts(registration.facts());
            if (registration.activationCodeId() != null) {
                document.setActivationCodeId(registration.activationCodeId());
            }
            document.setImportedAt(now);
            document.setLastSeenAt(registration.status() == SourceStatus.ONLINE ? now : document.getLastSeenAt());
            List<OutboxMessage> outbox = new ArrayList<>(document.getOutbox());
            outbox.add(OutboxMessage.of(document.getId(), SourceEvents.imported(document, clock)));
            document.setOutbox(outbox);
        });
        outboxRelay.wakeUp();
        log.info("Source {} imported ({}, {}, instance {})", saved.getId(), saved.getImportMethod(), saved.getStatus(),
                saved.getInstanceId());
        return SourceSummary.of(saved);
    }

    public Optional<SourceSummary> find(String sourceId) {
        return store.find(sourceId).map(SourceSummary::of);
    }

    /**
     * Sets the status when it differs from {@code expected}'s successor; returns whether this call changed it (false
     * when it already had that status or changed concurrently).
     */
    public boolean changeStatus(String sourceId, SourceStatus expected, SourceStatus next, String reason) {
        if (expected == next) {
            return false;
        }
        Instant now = clock.instant();
        Optional<SourceDocument> current = store.find(sourceId);
        if (current.isEmpty() || current.get().getStatus() != expected) {
            return false;
        }
        OutboxMessage event = OutboxMessage.of(sourceId,
                SourceEvents.statusChanged(current.get(), expected, next, reason, now));
        boolean changed = store.changeStatus(sourceId, expected, next, reason, event,
                next == SourceStatus.ONLINE ? now : null);
        if (changed) {
            outboxRelay.wakeUp();
            log.info("Source {} went {} -> {}: {}", sourceId, expected, next, reason);
        }
        return changed;
    }

    /** A script-imported server reported in: remember when, and bring it back ONLINE if it was OFFLINE. */
    public void heartbeat(String sourceId) {
        SourceDocument source = store.find(sourceId).orElseThrow();
        if (source.getStatus() == SourceStatus.OFFLINE) {
            changeStatus(sourceId, SourceStatus.OFFLINE, SourceStatus.ONLINE, "heartbeat received");
        } else {
            store.touch(sourceId, clock.instant());
        }
    }

    public List<SourceSummary> list(SourceFilter filter, int page, int size) {
        return store.page(filter.criteria(), page, size).stream().map(SourceSummary::of).toList();
    }

    public long count(SourceFilter filter) {
        return store.count(filter.criteria());
    }

    /** ECS sources for status polling, in pages by id. */
    public List<SourceSummary> ecsSourcesAfter(String afterId, int limit) {
        return store.ecsSourcesAfter(afterId, limit).stream().map(SourceSummary::of).toList();
    }

    /** Script-imported sources still ONLINE whose last heartbeat is older than {@code before}. */
    public List<SourceSummary> silentSince(Instant before, int limit) {
        return store.silentSince(before, limit).stream().map(SourceSummary::of).toList();
    }

    /** Filters of the source list; null means "any". */
    public record SourceFilter(SourceStatus status, String osId, String regionId) {

        Criteria criteria() {
            Criteria criteria = new Criteria();
            if (status != null) {
                criteria = criteria.and("status").is(status);
            }
            if (osId != null && !osId.isBlank()) {
                criteria = criteria.and("facts.osId").is(osId);
            }
            if (regionId != null && !regionId.isBlank()) {
                criteria = criteria.and("regionId").is(regionId);
            }
            return criteria;
        }
    }
}
