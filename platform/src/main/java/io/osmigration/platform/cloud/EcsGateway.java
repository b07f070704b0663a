package io.osmigration.platform.cloud;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;

import io.micrometer.core.instrument.MeterRegistry;

import io.osmigration.platform.cloud.budget.BudgetStats;
import io.osmigration.platform.cloud.budget.CallBudget;
import io.osmigration.platform.cloud.budget.CallPriority;

/**
 * The one way services call the ECS OpenAPI: through the real {@code aliyun-java-sdk-ecs}, signed with the configured
 * AccessKey, against the configured endpoint. Adds what every caller needs: the account's call budget (shared by all
 * replicas, admitting calls by {@link CallPriority}), a back-off shared through that budget when ECS answers
 * Throttling, retries with exponential back-off and jitter on 5xx answers, and errors that are safe to log.
 */
public class EcsGateway {

    private static final Logger log = LoggerFactory.getLogger(EcsGateway.class);
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final IAcsClient client;
    private final AliyunProperties properties;
    private final CallBudget budget;
    private final EcsCallMetrics metrics;

    /** Signed with the AccessKey pair, with a budget of its own (this process only). */
    public EcsGateway(AliyunProperties properties) {
        this(properties, CallBudget.local(properties.maxCallsPerSecond()));
    }

    /** With {@code credentials} (see {@link CloudCredentials}) signing the calls, and a budget of its own. */
    public EcsGateway(AliyunProperties properties, AlibabaCloudCredentialsProvider credentials) {
        this(properties, credentials, CallBudget.local(properties.maxCallsPerSecond()));
    }

    /** Signed with the AccessKey pair, spending {@code budget}. */
    public EcsGateway(AliyunProperties properties, CallBudget budget) {
        this(properties, CloudCredentials.provider(properties, CredentialsProperties.accessKey(), Clock.systemUTC()),
                budget);
    }

    /** With {@code credentials} signing the calls and {@code budget} (the account's, see {@link CallBudget}). */
    public EcsGateway(AliyunProperties properties, AlibabaCloudCredentialsProvider credentials, CallBudget budget) {
        this(properties, credentials, budget, null);
    }

    /** As above, counting every request in {@code meters} ({@code osm_ecs_calls_total}); null: counts nothing. */
    public EcsGateway(AliyunProperties properties, AlibabaCloudCredentialsProvider credentials, CallBudget budget,
                      MeterRegistry meters) {
        this.properties = properties;
        this.budget = budget;
        this.metrics = EcsCallMetrics.of(meters);
        DefaultProfile profile = DefaultProfile.getProfile(properties.regionId(), properties.accessKeyId(),
                properties.accessKeySecret());
        HttpClientConfig http = HttpClientConfig.getDefault();
        http.setConnectionTimeoutMillis(properties.timeout().toMillis());
        http.setReadTimeoutMillis(properties.timeout().toMillis());
        http.setProtocolType(ProtocolType.valueOf(properties.protocol()));
        profile.setHttpClientConfig(http);
        this.client = new DefaultAcsClient(profile, credentials);
    }

    /**
     * Sends the request (filling in endpoint, protocol and default region) at the action's usual priority
     * ({@link CallPriority#defaultFor}) and returns ECS's parsed answer.
     */
    public <T extends AcsResponse> T call(AcsRequest<T> request) {
        return call(request, CallPriority.defaultFor(request.getSysActionName()));
    }

    /**
     * Sends the request when the account's budget admits it at {@code priority}. Throttling answers are retried after
     * a back-off every replica obeys, until {@code osm.aliyun.budget.max-wait} has passed; 5xx answers and an
     * unreachable endpoint up to {@code osm.aliyun.max-attempts} times.
     */
    public <T extends AcsResponse> T call(AcsRequest<T> request, CallPriority priority) {
        prepare(request);
        String action = request.getSysActionName();
        long deadline = System.nanoTime() + budget.maxWait().toNanos();
        long backoff = properties.initialBackoff().toMillis();
        int failedAttempts = 0;
        while (true) {
            if (!budget.acquire(priority, Duration.ofNanos(deadline - System.nanoTime()))) {
                metrics.budgetExhausted(action);
                throw budgetExhausted(action);
            }
            CloudApiException failure;
            try {
                T response = client.getAcsResponse(request);
                metrics.called(action, EcsCallMetrics.SUCCESS);
                return response;
            } catch (ServerException e) {
                failure = translate(action, e, true);
            } catch (ClientException e) {
                failure = translate(action, e, false);
            }
            metrics.called(action, failure.code());
            long delay = backoff + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            if (failure.isThrottling() && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) < deadline) {
                log.debug("{} answered {}; every call of the account backs off {} ms", action, failure.code(), delay);
                budget.backOff(Duration.ofMillis(delay));
                continue;
            }
            if (!failure.isRetryable() || failure.isThrottling() || ++failedAttempts >= properties.maxAttempts()) {
                throw failure;
            }
            log.debug("{} answered {}, attempt {} of {}; backing off {} ms", action, failure.code(), failedAttempts,
                    properties.maxAttempts(), delay);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delay));
        }
    }

    /** What the account's budget did in this replica (admissions and waits by priority, back-offs). */
    public BudgetStats budgetStats() {
        return budget.stats();
    }

    private CloudApiException budgetExhausted(String action) {
        String why = "no room in the account's call budget (" + properties.maxCallsPerSecond() + " calls/s) within "
                + budget.maxWait();
        return new CloudApiException(action, CloudApiException.BUDGET_EXHAUSTED, why, null);
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
}
