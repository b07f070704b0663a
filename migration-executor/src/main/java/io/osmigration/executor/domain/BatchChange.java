package io.osmigration.executor.domain;

import java.util.List;

/** A batch's next value and what it tells, or why the change was refused (then {@code batch} is unchanged). */
public record BatchChange(Batch batch, List<BatchEvent> events, String refusal) {

    public BatchChange {
        events = List.copyOf(events);
    }

    static BatchChange of(Batch batch, BatchEvent event) {
        return new BatchChange(batch, List.of(event), null);
    }

    static BatchChange refused(Batch batch, String why) {
        return new BatchChange(batch, List.of(), why);
    }

    public boolean refused() {
        return refusal != null;
    }
}
