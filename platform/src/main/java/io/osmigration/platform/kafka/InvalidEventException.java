package io.osmigration.platform.kafka;

/**
 * An event that was read but cannot be acted on (a command failing validation, a reference to something unknown).
 * Not retryable: the record goes to the dead-letter topic with this message as the reason.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }
}
