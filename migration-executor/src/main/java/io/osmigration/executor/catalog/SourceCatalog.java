package io.osmigration.executor.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the executor knows about sources: learnt from {@code osm.sources}, and — for a source imported a moment ago
 * that the topic has not brought yet — from source-registry itself, so a batch submitted right after an import is
 * accepted (read-your-writes). A source neither knows does not exist.
 */
@Service
public class SourceCatalog {

    private static final Logger log = LoggerFactory.getLogger(SourceCatalog.class);

    private final CatalogStore store;
    private final RegistryClient registry;

    SourceCatalog(CatalogStore store, RegistryClient registry) {
        this.store = store;
        this.registry = registry;
    }

    public void imported(CatalogEntry entry) {
        store.upsert(entry);
    }

    public void statusChanged(String sourceId, String instanceId, String status) {
        store.statusChanged(sourceId, instanceId, status);
    }

    public Optional<CatalogEntry> find(String sourceId) {
        return store.find(sourceId);
    }

    public List<CatalogEntry> first(int limit) {
        return store.first(limit);
    }

    /**
     * The entries of those {@code sourceIds} that exist: the catalog's, and for the others what source-registry says
     * (then kept in the catalog). Throws {@link SourcesUnavailableException} when some are unknown here and the
     * registry cannot be asked.
     */
    public Map<String, CatalogEntry> resolve(Collection<String> sourceIds) {
        Map<String, CatalogEntry> known = new HashMap<>();
        store.findAll(sourceIds).forEach(entry -> known.put(entry.sourceId(), entry));
        Set<String> missing = new LinkedHashSet<>(sourceIds);
        missing.removeAll(known.keySet());
        if (missing.isEmpty() || !registry.enabled()) {
            return known;
        }
        long started = System.nanoTime();
        Map<String, CatalogEntry> fetched = registry.lookUp(missing);
        long asked = System.nanoTime();
        store.upsertAll(fetched.values());
        known.putAll(fetched);
        log.info("{} of {} sources not heard of yet; source-registry knows {} (asked in {} ms, stored in {} ms)",
                missing.size(), sourceIds.size(), fetched.size(), (asked - started) / 1_000_000,
                (System.nanoTime() - asked) / 1_000_000);
        return known;
    }

    /** A source as the executor sees it. */
    public record CatalogEntry(String sourceId, String instanceId, String regionId, String os, String arch,
                               String status, String hostname) {
    }
}
