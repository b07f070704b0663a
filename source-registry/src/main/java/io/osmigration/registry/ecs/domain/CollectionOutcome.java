package io.osmigration.registry.ecs.domain;

import io.osmigration.platform.facts.ServerFacts;

/**
 * How collecting facts on one instance went.
 *
 * @param facts   the collector's facts; null when it did not finish successfully
 * @param problem why there are no facts (failed, timed out, unreadable output); null on success
 */
public record CollectionOutcome(ServerFacts facts, String problem) {

    public static CollectionOutcome collected(ServerFacts facts) {
        return new CollectionOutcome(facts, null);
    }

    public static CollectionOutcome failed(String problem) {
        return new CollectionOutcome(null, problem);
    }

    public boolean succeeded() {
        return facts != null;
    }
}
