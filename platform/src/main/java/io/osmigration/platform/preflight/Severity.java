package io.osmigration.platform.preflight;

/** The contract's finding severities: CRITICAL blocks the migration, WARNING and INFO inform. */
public enum Severity {
    CRITICAL, WARNING, INFO
}
