package io.osmigration.snapshot.domain;

/** A disk of an instance as the cloud describes it. */
public record DiskInfo(String diskId, String type, int sizeGiB) {
}
