package io.osmigration.registry.source.domain;

/** Whether osmigration can reach a source right now (Cloud Assistant online, or a recent heartbeat). */
public enum SourceStatus {
    ONLINE, OFFLINE
}
