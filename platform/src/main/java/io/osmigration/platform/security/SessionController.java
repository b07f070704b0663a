package io.osmigration.platform.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code GET /api/v1/session}: who the caller's token says it is and which roles it has, so that a client (the
 * dashboard) can hide what the token may not do. Every service answers it.
 */
@RestController
class SessionController {

    @GetMapping("/api/v1/session")
    @Access(Role.VIEWER)
    Session session(ServerWebExchange exchange) {
        Principal principal = Principal.of(exchange).orElseThrow();
        List<String> roles = Arrays.stream(Role.values()).filter(principal.role()::covers).map(Role::wireName).toList();
        return new Session(principal.name(), principal.role().wireName(), roles, principal.expiresAt());
    }

    /** @param roles every role the token has, its own and those it includes */
    record Session(String name, String role, List<String> roles, Instant expiresAt) {
    }
}
