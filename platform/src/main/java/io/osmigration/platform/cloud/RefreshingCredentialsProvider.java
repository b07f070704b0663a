package io.osmigration.platform.cloud;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;

/**
 * Temporary credentials for the SDK, renewed before they run out: the SDK asks for credentials on every call, and
 * gets the cached ones until less than {@code refreshBefore} is left; then one caller fetches new ones while the
 * others wait. A failed renewal keeps the old credentials while they last (and is retried on the next call), so a
 * metadata or STS hiccup does not fail ECS calls.
 */
final class RefreshingCredentialsProvider implements AlibabaCloudCredentialsProvider {

    private static final Logger log = LoggerFactory.getLogger(RefreshingCredentialsProvider.class);

    /** Fetches a fresh set; names its source in errors without any secret. */
    interface Fetcher {
        TemporaryCredentials fetch() throws ClientException;

        String describe();
    }

    private final Fetcher fetcher;
    private final Duration refreshBefore;
    private final Clock clock;
    private TemporaryCredentials current;

    RefreshingCredentialsProvider(Fetcher fetcher, Duration refreshBefore, Clock clock) {
        this.fetcher = fetcher;
        this.refreshBefore = refreshBefore;
        this.clock = clock;
    }

    @Override
    public synchronized AlibabaCloudCredentials getCredentials() throws ClientException {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.expiration().minus(refreshBefore))) {
            try {
                current = fetcher.fetch();
                log.debug("New temporary credentials from {}, valid until {}", fetcher.describe(), current.expiration());
            } catch (ClientException | RuntimeException e) {
                if (current == null || !now.isBefore(current.expiration())) {
                    throw e instanceof ClientException client ? client
                            : new ClientException("SDK.CredentialsUnavailable", "No credentials from "
                            + fetcher.describe() + ": " + e.getMessage());
                }
                log.warn("Renewing credentials from {} failed ({}); the current ones last until {}",
                        fetcher.describe(), e.getMessage(), current.expiration());
            }
        }
        return current.credentials();
    }
}
