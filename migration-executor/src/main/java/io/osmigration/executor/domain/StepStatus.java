package io.osmigration.executor.domain;

/** Where one step of a job's plan stands. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED;

    public boolean isDone() {
        return this == SUCCEEDED || this == FAILED;
    }
}
