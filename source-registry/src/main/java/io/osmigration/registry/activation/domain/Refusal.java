package io.osmigration.registry.activation.domain;

/** Why a known activation code cannot activate another server. */
public enum Refusal {
    REVOKED("has been revoked"),
    EXPIRED("has expired"),
    EXHAUSTED("has reached its activation quota");

    private final String description;

    Refusal(String description) {
        this.description = description;
    }

    /** Completes "The activation code ...". */
    public String description() {
        return description;
    }
}
