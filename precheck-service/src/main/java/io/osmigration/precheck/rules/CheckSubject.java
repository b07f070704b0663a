package io.osmigration.precheck.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.osmigration.platform.facts.ServerFacts;

/**
 * Everything the rules look at for one server and one destination: the facts (fresh or stored) and what the cloud
 * told us about the instance. Plain values only, so every rule is testable with a fixture.
 *
 * @param facts            null when nothing at all is known about the server
 * @param freshFacts       true when the facts were collected by this check through Cloud Assistant
 * @param cloudAssistant   whether the agent answered, and why not
 * @param snapshots        snapshots being created on the instance's disks right now
 */
public record CheckSubject(String sourceId, String instanceId, String destinationOs, ServerFacts facts,
                           boolean freshFacts, CloudAssistantState cloudAssistant, SnapshotState snapshots,
                           Instant checkedAt) {

    public boolean hasFacts() {
        return facts != null;
    }

    /** How old the facts are at the time of the check; zero when they are fresh or unknown. */
    public Duration factsAge() {
        if (facts == null || facts.collectedAt() == null || freshFacts) {
            return Duration.ZERO;
        }
        Duration age = Duration.between(facts.collectedAt(), checkedAt);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** @param reason why the agent is considered offline, null when online */
    public record CloudAssistantState(boolean online, String reason) {
        public static final CloudAssistantState ONLINE = new CloudAssistantState(true, null);

        public static CloudAssistantState offline(String reason) {
            return new CloudAssistantState(false, reason);
        }
    }

    /** @param unknownReason set when the snapshots could not be listed */
    public record SnapshotState(List<String> inProgress, String unknownReason) {
        public static final SnapshotState NONE = new SnapshotState(List.of(), null);

        public SnapshotState {
            inProgress = List.copyOf(inProgress);
        }
    }
}
