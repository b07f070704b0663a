package io.osmigration.platform.cloud;

import java.util.Set;

/**
 * An ECS OpenAPI call failed. Carries ECS's error code (e.g. {@code InvalidInstanceId.NotFound},
 * {@code SignatureDoesNotMatch}) and a message that never contains the signed request URL, AccessKey or secret.
 *
 * <p>Every failure is either <em>transient</em> ({@link #isRetryable()}: asking again later may succeed — throttling,
 * ECS's own 5xx answers, an endpoint that did not answer in time) or <em>permanent</em> ({@link #isPermanent()}:
 * asking again gives the same answer — a resource that does not exist, a permission the AccessKey lacks, a parameter
 * ECS refuses). Callers retry the first kind with back-off up to a bound and act on the second at once.
 */
public class CloudApiException extends RuntimeException {

    /**
     * The code of a call that found no room in the account's call budget in time: osmigration's own, in ECS's
     * Throttling family, so callers treat it as what it is — the API is busy, try again later.
     */
    public static final String BUDGET_EXHAUSTED = "Throttling.Budget";

    /** Codes ECS (or the SDK) uses for conditions that clear up by themselves. */
    private static final Set<String> TRANSIENT_CODES = Set.of("ServiceUnavailable", "InternalError", "UnknownError",
            "InternalError.Dispatch", "OperationConflict", "LastTokenProcessing", "SDK.ServerUnreachable",
            "SDK.ReadTimeout", "SDK.RequestTryOrRetryFailed");

    private final String action;
    private final String code;
    private final String requestId;
    private final boolean serverError;

    public CloudApiException(String action, String code, String message, String requestId) {
        this(action, code, message, requestId, false);
    }

    /**
     * @param serverError ECS answered with a 5xx status (the SDK's {@code ServerException}): its own failure, whatever
     *                    the code says
     */
    public CloudApiException(String action, String code, String message, String requestId, boolean serverError) {
        super(action + " failed: " + code + (message == null || message.isBlank() ? "" : " — " + message)
                + (requestId == null ? "" : " (RequestId " + requestId + ")"));
        this.action = action;
        this.code = code;
        this.requestId = requestId;
        this.serverError = serverError;
    }

    public String action() {
        return action;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    public boolean isNotFound() {
        return code != null && code.endsWith(".NotFound");
    }

    /** ECS's flow control ({@code Throttling}, {@code Throttling.User}, ...) or the account's budget said no. */
    public boolean isThrottling() {
        return code != null && code.startsWith("Throttling");
    }

    /** The AccessKey may not do this ({@code Forbidden}, {@code Forbidden.RAM}, {@code Forbidden.NotAllowed}, …). */
    public boolean isForbidden() {
        return code != null && code.startsWith("Forbidden");
    }

    /** Transient: throttling, a 5xx answer, an endpoint that could not be reached or did not answer in time. */
    public boolean isRetryable() {
        return serverError || code != null && (code.startsWith("Throttling") || TRANSIENT_CODES.contains(code));
    }

    /**
     * Permanent: the same call gives the same answer ({@code *.NotFound}, {@code Forbidden*}, {@code Invalid*},
     * {@code IncorrectInstanceStatus}, …). {@code IncorrectInstanceStatus} is transient only while the caller expects
     * the instance to change its status (a reboot it started): that judgement is the caller's.
     */
    public boolean isPermanent() {
        return !isRetryable();
    }
}
