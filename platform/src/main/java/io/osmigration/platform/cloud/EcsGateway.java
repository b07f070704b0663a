package io.osmigration.platform.cloud;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;

/**
 * The one way services call the ECS OpenAPI: through the real {@code aliyun-java-sdk-ecs}, signed with the configured
 * AccessKey, against the configured endpoint. Adds what every caller needs: a client-side rate limit, retries with
 * exponential back-off and jitter on Throttling and 5xx answers, and errors that are safe to log.
 */
public class EcsGateway {

    private static final Logger log = LoggerFactory.getLogger(EcsGateway.class);

    private final IAcsClient client;
    private final AliyunProperties properties;
    private final RateLimiter rateLimiter;

    public EcsGateway(AliyunProperties properties) {
        this.properties = properties;
        this.rateLimiter = new RateLimiter(properties.maxCallsPerSecond());
        DefaultProfile profile = DefaultProfile.getProfile(properties.regionId(), properties.accessKeyId(),
                properties.accessKeySecret());
        HttpClientConfig http = HttpClientConfig.getDefault();
        http.setConnectionTimeoutMillis(properties.timeout().toMillis());
        http.setReadTimeoutMillis(properties.timeout().toMillis());
        http.setProtocolType(ProtocolType.valueOf(properties.protocol()));
        profile.setHttpClientConfig(http);
        this.client = new DefaultAcsClient(profile);
    }

    /** Sends the request (filling in endpoint, protocol and default region) and returns ECS's parsed answer. */
    public <T extends AcsResponse> T call(AcsRequest<T> request) {
        prepare(request);
        String action = request.getSysActionName();
        long backoff = properties.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            rateLimiter.acquire();
            CloudApiException failure;
            try {
                return client.getAcsResponse(request);
            } catch (ServerException e) {
                failure = translate(action, e, true);
            } catch (ClientException e) {
                failure = translate(action, e, false);
            }
            if (!failure.isRetryable() || attempt >= properties.maxAttempts()) {
                throw failure;
            }
            log.debug("{} answered {}, attempt {} of {}; backing off {} ms", action, failure.code(), attempt,
                    properties.maxAttempts(), backoff);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1)));
            backoff = Math.min(backoff * 2, 10_000);
        }
    }

    private void prepare(AcsRequest<?> request) {
        if (!properties.endpoint().isBlank()) {
            request.setSysEndpoint(properties.endpoint());
        }
        request.setSysProtocol(ProtocolType.valueOf(properties.protocol()));
        if (request.getSysRegionId() == null) {
            request.setSysRegionId(properties.regionId());
        }
    }

    /** The SDK's messages for unreachable endpoints contain the whole signed URL with the AccessKey id: drop them. */
    private CloudApiException translate(String action, ClientException e, boolean serverError) {
        String code = e.getErrCode();
        String message = "SDK.ServerUnreachable".equals(code) || "SDK.InvalidRegionId".equals(code)
                ? "cannot reach the ECS endpoint " + endpointDescription()
                : sanitize(e.getErrMsg());
        return new CloudApiException(action, code, message, e.getRequestId(), serverError);
    }

    private String endpointDescription() {
        return properties.endpoint().isBlank() ? "for region " + properties.regionId() : properties.endpoint();
    }

    private String sanitize(String message) {
        if (message == null) {
            return "";
        }
        String cleaned = message;
        if (!properties.accessKeyId().isBlank()) {
            cleaned = cleaned.replace(properties.accessKeyId(), "<AccessKeyId>");
        }
        if (!properties.accessKeySecret().isBlank()) {
            cleaned = cleaned.replace(properties.accessKeySecret(), "<secret>");
        }
        return cleaned.replaceAll("https?://\\S+", "<url>");
    }

    /** A simple token bucket shared by all threads of this replica. */
    static final class RateLimiter {
        private final long intervalNanos;
        private long next = System.nanoTime();

        RateLimiter(int perSecond) {
            this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        }

        void acquire() {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long slot = Math.max(next, now);
                next = slot + intervalNanos;
                wait = slot - now;
            }
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }
}
