package io.osmigration.executor.catalog;

import io.osmigration.platform.kafka.TransientEventException;

/**
 * Whether some sources exist cannot be told right now: the executor has not heard of them and source-registry did
 * not answer. Transient: a Kafka submission is retried, a REST one answered 503.
 */
public class SourcesUnavailableException extends TransientEventException {

    public SourcesUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
