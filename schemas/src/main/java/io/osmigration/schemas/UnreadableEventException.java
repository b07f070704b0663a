package io.osmigration.schemas;

/** Bytes that can never be decoded into an event: retrying is pointless, the record belongs in a dead-letter topic. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
