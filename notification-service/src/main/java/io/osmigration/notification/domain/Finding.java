package io.osmigration.notification.domain;

/** One result of a pre-check or drill, with what to do about it. */
public record Finding(String code, String severity, String title, String detail, String remediationHint,
                      String remediationCommand) {

    public boolean critical() {
        return "CRITICAL".equals(severity);
    }
}
