package io.osmigration.executor.domain;

import java.util.List;

/**
 * What the state machine made of a trigger: the job's next value and the events it tells, with the transition that
 * was taken (null for progress within a state), or why the trigger was refused (then {@code job} is unchanged).
 */
public record JobChange(Job job, List<JobEvent> events, JobLifecycle.Transition transition, String refusal) {

    public JobChange {
        events = List.copyOf(events);
    }

    static JobChange within(Job job, List<JobEvent> events) {
        return new JobChange(job, events, null, null);
    }

    static JobChange refused(Job job, String why) {
        return new JobChange(job, List.of(), null, why);
    }

    public boolean refused() {
        return refusal != null;
    }

    /** Whether there is anything to store. */
    public boolean changed() {
        return !refused();
    }
}
