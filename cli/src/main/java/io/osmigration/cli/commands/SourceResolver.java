package io.osmigration.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.osmigration.cli.api.Model.Page;
import io.osmigration.cli.api.Model.Source;
import io.osmigration.cli.api.OsmApi;

/**
 * Turns what an operator types into source ids: a source id ({@code s-…}) as it is, an ECS instance id or a hostname
 * looked up in source-registry (one listing, fetched only when needed).
 */
final class SourceResolver {

    private static final int PAGE_SIZE = 500;

    private final OsmApi api;
    private List<Source> sources;

    SourceResolver(OsmApi api) {
        this.api = api;
    }

    /** In the order given; a name that matches no source, or several, is a usage error naming it. */
    Map<String, String> resolve(List<String> names) {
        Map<String, String> sourceIds = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("s-")) {
                sourceIds.put(name, name);
                continue;
            }
            List<Source> matches = all().stream()
                    .filter(s -> name.equals(s.instanceId()) || name.equalsIgnoreCase(s.hostname())).toList();
            if (matches.size() == 1) {
                sourceIds.put(name, matches.get(0).sourceId());
            } else if (matches.isEmpty()) {
                unknown.add(name);
            } else {
                throw new UsageException("'" + name + "' names " + matches.size() + " sources ("
                        + String.join(", ", matches.stream().map(Source::sourceId).toList()) + "): use a source id");
            }
        }
        if (!unknown.isEmpty()) {
            throw new UsageException("no imported source has the instance id or hostname " + String.join(", ", unknown)
                    + " (import it with 'osm sources import-ecs', or see 'osm sources list')");
        }
        return sourceIds;
    }

    List<Source> all() {
        if (sources == null) {
            sources = new ArrayList<>();
            for (int page = 0; ; page++) {
                Page<Source> batch = api.sources(null, null, null, page, PAGE_SIZE);
                sources.addAll(batch.items());
                if (batch.items().size() < PAGE_SIZE) {
                    break;
                }
            }
        }
        return sources;
    }
}
