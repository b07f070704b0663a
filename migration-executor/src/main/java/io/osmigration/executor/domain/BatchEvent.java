package io.osmigration.executor.domain;

import java.util.Map;

/** What a change of a batch tells the world, in domain terms (the store maps each to its Avro event). */
public sealed interface BatchEvent {

    String fact();

    record Accepted(String by) implements BatchEvent {
        public String fact() {
            return "accepted";
        }
    }

    /** {@code by}: who paused it, or {@link Batch#THRESHOLD}. {@code sequence} tells one pause from the next. */
    record Paused(String by, String reason, int sequence) implements BatchEvent {
        public String fact() {
            return "paused:" + sequence;
        }
    }

    record Resumed(String by, int sequence) implements BatchEvent {
        public String fact() {
            return "resumed:" + sequence;
        }
    }

    record Cancelled(String by, String reason) implements BatchEvent {
        public String fact() {
            return "cancelled";
        }
    }

    /** Every job has ended and no rollback is awaited: the counts are final and those the API shows. */
    record Finished(BatchState state, int total, Map<String, Integer> counts) implements BatchEvent {
        public String fact() {
            return "finished";
        }
    }
}
