package io.osmigration.platform.lease;

/** A claim and the document as it was when claimed (lease and version already updated). */
public record Claimed<T>(Claim claim, T document) {
}
