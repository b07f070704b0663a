package io.osmigration.platform.security;

import java.util.Optional;

import org.springframework.web.server.ServerWebExchange;

/**
 * Another way than a bearer token to say who makes a request, for clients that cannot send headers (a browser's
 * {@code EventSource} with a short-lived stream ticket). Consulted only when a request has no
 * {@code Authorization} header; the principal it returns is checked against the endpoint's role like a token's.
 */
public interface CredentialResolver {

    Optional<Principal> resolve(ServerWebExchange exchange);
}
