package io.osmigration.notification.delivery;

public enum DeliveryStatus {
    /** Waiting for its (next) attempt. */
    PENDING,
    /** Taken by a worker (under a platform lease); taken up again if its claim runs out. */
    SENDING,
    SENT,
    /** Every attempt failed, or the failure could not be retried. */
    FAILED
}
