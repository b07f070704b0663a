package io.osmigration.snapshot.domain;

/** The rollback walks these in order; each may take several worker rounds (waiting for the instance). */
public enum RollbackStep {
    STOP, RESET, START, DONE
}
