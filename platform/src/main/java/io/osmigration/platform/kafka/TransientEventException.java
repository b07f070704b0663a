package io.osmigration.platform.kafka;

/**
 * An event that cannot be handled <em>now</em> but will be once something outside comes back (a peer service, the
 * database). Retried with the long transient back-off ({@code osm.kafka.transient-retry-*}) before it is
 * dead-lettered, like the infrastructure failures {@link TransientFailures} recognises by themselves.
 */
public class TransientEventException extends RuntimeException {

    public TransientEventException(String message) {
        super(message);
    }

    public TransientEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
