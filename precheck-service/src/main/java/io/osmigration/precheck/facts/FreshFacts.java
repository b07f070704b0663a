package io.osmigration.precheck.facts;

import io.osmigration.platform.facts.ServerFacts;

/** What asking Cloud Assistant produced: facts, or why there are none. */
public record FreshFacts(ServerFacts facts, String failure) {

    public static FreshFacts of(ServerFacts facts) {
        return new FreshFacts(facts, null);
    }

    public static FreshFacts failed(String reason) {
        return new FreshFacts(null, reason);
    }

    public boolean succeeded() {
        return facts != null;
    }
}
