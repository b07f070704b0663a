package io.osmigration.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.osmigration.platform.web.ApiException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /api/v1/tokens}: admins issue tokens with a role and an expiry, list them and revoke them. Every service
 * answers (they share the token store); a token is shown only in the answer that issued it.
 */
@RestController
class TokenController {

    private static final Logger log = LoggerFactory.getLogger(TokenController.class);
    static final int DEFAULT_VALIDITY_DAYS = 90;
    static final int MAX_VALIDITY_DAYS = 365;

    private final IssuedTokens tokens;
    private final ConfiguredTokens configured;
    private final Clock clock;

    TokenController(IssuedTokens tokens, ConfiguredTokens configured, Clock clock) {
        this.tokens = tokens;
        this.configured = configured;
        this.clock = clock;
    }

    @PostMapping("/api/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Access(value = Role.ADMIN, action = "token.issue")
    Mono<TokenView> issue(@Valid @RequestBody IssueRequest request, ServerWebExchange exchange) {
        Role role = parseRole(request.role());
        String name = request.name().strip();
        if (configured.hasName(name)) {
            return Mono.error(conflict(name));
        }
        String issuer = Principal.of(exchange).map(Principal::name).orElse("unknown");
        int days = request.validityDays() == null ? DEFAULT_VALIDITY_DAYS : request.validityDays();
        return Mono.fromCallable(() -> {
            IssuedTokens.Issued issued;
            try {
                issued = tokens.issue(name, role, Duration.ofDays(days), request.description(), issuer);
            } catch (DuplicateKeyException e) {
                throw conflict(name);
            }
            AuditResources.add(exchange, issued.issuedToken().id());
            log.info("Token {} '{}' ({}) issued by {}, expires {}", issued.issuedToken().id(), name, role.wireName(),
                    issuer, issued.issuedToken().expiresAt());
            return TokenView.of(issued.issuedToken(), issued.token(), clock.instant());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/v1/tokens")
    @Access(Role.ADMIN)
    Mono<List<TokenView>> list() {
        return Mono.fromCallable(() -> {
            Instant now = clock.instant();
            List<TokenView> views = new ArrayList<>();
            configured.principals().forEach(principal -> views.add(TokenView.configured(principal)));
            tokens.list().forEach(token -> views.add(TokenView.of(token, null, now)));
            return views;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping("/api/v1/tokens/{tokenId}")
    @Access(value = Role.ADMIN, action = "token.revoke")
    Mono<TokenView> delete(@PathVariable String tokenId, ServerWebExchange exchange) {
        return revoke(tokenId, exchange);
    }

    @PostMapping("/api/v1/tokens/{tokenId}:revoke")
    @Access(value = Role.ADMIN, action = "token.revoke")
    Mono<TokenView> revoke(@PathVariable String tokenId, ServerWebExchange exchange) {
        String by = Principal.of(exchange).map(Principal::name).orElse("unknown");
        return Mono.fromCallable(() -> {
            IssuedToken revoked = tokens.revoke(tokenId, by).orElseThrow(() -> ApiException.notFound("Token " + tokenId));
            log.info("Token {} '{}' revoked by {}", revoked.id(), revoked.name(), by);
            return TokenView.of(revoked, null, clock.instant());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static Role parseRole(String value) {
        try {
            return Role.parse(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("role", "must be one of viewer, operator, admin");
        }
    }

    private static ApiException conflict(String name) {
        return new ApiException(HttpStatus.CONFLICT, "Token name in use", "A token named '" + name
                + "' is already active (issued, or in osm.security.tokens): revoke it first or choose another name");
    }

    record IssueRequest(@NotBlank @Pattern(regexp = TokenNames.PATTERN, message = TokenNames.MESSAGE) String name,
                        @NotBlank String role,
                        @Min(1) @Max(MAX_VALIDITY_DAYS) Integer validityDays,
                        @Size(max = 200) String description) {
    }

    /**
     * A token as the API shows it. {@code token} is set only in the answer to {@code POST}; {@code source} is
     * {@code issued} or {@code configuration} (those cannot be revoked here).
     */
    record TokenView(String id, String name, String role, String source, String state, String description,
                     Instant createdAt, String createdBy, Instant expiresAt, Instant revokedAt, String revokedBy,
                     String token) {

        static TokenView of(IssuedToken token, String plain, Instant now) {
            return new TokenView(token.id(), token.name(), token.role().wireName(), "issued", token.stateAt(now),
                    token.description(), token.createdAt(), token.createdBy(), token.expiresAt(), token.revokedAt(),
                    token.revokedBy(), plain);
        }

        static TokenView configured(Principal principal) {
            return new TokenView(null, principal.name(), principal.role().wireName(), "configuration", "ACTIVE", null,
                    null, null, null, null, null, null);
        }
    }
}
