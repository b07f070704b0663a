package io.osmigration.cli.commands;

/** The command was given something it cannot use; the message says what (exit status 2). */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
