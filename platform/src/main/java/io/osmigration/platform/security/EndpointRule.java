package io.osmigration.platform.security;

/**
 * What an endpoint needs, as declared with {@link Access} or {@link PublicEndpoint}, or the platform's default for an
 * endpoint without a declaration.
 *
 * @param role      the role needed; null for a public endpoint
 * @param action    the audit trail's name for the request
 * @param publicWhy how a public endpoint is authorised instead; null otherwise
 * @param declared  false when neither annotation is present (the matrix test refuses such endpoints)
 * @param audited   whether a state-changing request to it is written to the audit trail
 */
public record EndpointRule(Role role, String action, String publicWhy, boolean declared, boolean audited) {

    public boolean isPublic() {
        return publicWhy != null;
    }

    static EndpointRule publicEndpoint(String why, String action) {
        return new EndpointRule(null, action, why, true, false);
    }

    static EndpointRule declared(Role role, String action, boolean audited) {
        return new EndpointRule(role, action, null, true, audited);
    }

    /** Reads need viewer, anything else operator: nothing becomes reachable by forgetting an annotation. */
    static EndpointRule defaultFor(String httpMethod, String action) {
        return new EndpointRule(ApiRequests.isSafe(httpMethod) ? Role.VIEWER : Role.OPERATOR, action, null, false, true);
    }
}
