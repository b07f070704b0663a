package io.osmigration.platform.security;

import java.time.Instant;
import java.util.Objects;

import org.springframework.web.server.ServerWebExchange;

/**
 * Who made a request: the token's name (the actor in the audit trail) and role. Never holds the token itself.
 *
 * @param tokenId   id of an issued token ({@code tk-...}), or {@code configured} for one from configuration
 * @param expiresAt when an issued token stops working; null for configured tokens
 */
public record Principal(String name, Role role, String tokenId, Instant expiresAt) {

    /** Exchange attribute under which the platform's security filter leaves the authenticated principal. */
    public static final String ATTRIBUTE = Principal.class.getName();
    public static final String CONFIGURED = "configured";

    public Principal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tokenId, "tokenId");
    }

    /** The principal of a request that passed the platform's security filter (absent on public endpoints). */
    public static java.util.Optional<Principal> of(ServerWebExchange exchange) {
        return java.util.Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }
}
