package io.osmigration.simulator;

/** A fleet file that cannot be used; the message names the file, the entry and the field. */
public class FleetException extends IllegalArgumentException {

    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
