package io.osmigration.platform.cloud;

/**
 * An ECS OpenAPI call failed. Carries ECS's error code (e.g. {@code InvalidInstanceId.NotFound},
 * {@code SignatureDoesNotMatch}) and a message that never contains the signed request URL, AccessKey or secret.
 */
public class CloudApiException extends RuntimeException {

    /**
     * The code of a call that found no room in the account's call budget in time: osmigration's own, in ECS's
     * Throttling family, so callers treat it as what it is — the API is busy, try again later.
     */
    public static final String BUDGET_EXHAUSTED = "Throttling.Budget";

    private final String action;
    private final String code;
    private final String requestId;

    public CloudApiException(String action, String code, String message, String requestId) {
        super(action + " failed: " + code + (message == null || message.isBlank() ? "" : " — " + message)
                + (requestId == null ? "" : " (RequestId " + requestId + ")"));
        this.action = action;
        this.code = code;
        this.requestId = requestId;
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

    public boolean isRetryable() {
        return code != null && (isThrottling() || code.equals("ServiceUnavailable")
                || code.equals("InternalError") || code.equals("SDK.ServerUnreachable"));
    }
}
