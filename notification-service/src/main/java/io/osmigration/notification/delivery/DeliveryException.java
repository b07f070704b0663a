package io.osmigration.notification.delivery;

/**
 * A send that did not go through. {@code retryable}: the channel may accept it later (a server error, a timeout, a
 * rate limit); otherwise retrying cannot help (a refused signature, a malformed address). The message never holds a
 * secret or a webhook token.
 */
public class DeliveryException extends Exception {

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
