package io.osmigration.platform.kafka;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.osmigration.platform.cloud.CloudApiException;

/**
 * Which listener failures are worth waiting out: the database or the broker briefly away, an optimistic-lock conflict,
 * ECS throttling or a 5xx, a peer that said so ({@link TransientEventException}). Anything else is either poison
 * (unreadable or invalid: dead-lettered at once) or a failure retrying will not fix quickly (a few short retries).
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientEventException || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException || cause instanceof MongoSocketException
                    || cause instanceof MongoTimeoutException || cause instanceof RetriableException
                    || cause instanceof TimeoutException || cause instanceof SocketException
                    || cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                    || cause instanceof UnknownHostException
                    || cause instanceof CloudApiException cloud && cloud.isRetryable()) {
                return true;
            }
            if (cause instanceof InvalidEventException) {
                return false;
            }
        }
        return false;
    }
}
