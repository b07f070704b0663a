package io.osmigration.platform.security;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;

/** Small facts about an API request that the security filter and the audit trail share. */
final class ApiRequests {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private ApiRequests() {
    }

    /** Methods that change nothing; every other method is audited. */
    static boolean isSafe(String method) {
        return SAFE_METHODS.contains(method);
    }

    /** The caller's {@code X-Request-Id} when it is a plain id, else a new one. */
    static String requestId(ServerHttpRequest request) {
        String given = request.getHeaders().getFirst(REQUEST_ID_HEADER);
        return given != null && CLIENT_REQUEST_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }
}
