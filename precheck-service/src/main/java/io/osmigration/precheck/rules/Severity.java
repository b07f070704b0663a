package io.osmigration.precheck.rules;

/** How bad a finding is. CRITICAL blocks the migration; WARNING and INFO are told but do not block. */
public enum Severity {
    CRITICAL, WARNING, INFO
}
