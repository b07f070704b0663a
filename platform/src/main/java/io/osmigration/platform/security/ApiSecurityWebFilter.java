package io.osmigration.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.osmigration.platform.web.ProblemResponses;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Security for every {@code /api/**} request of every service:
 * <ol>
 * <li>the endpoint's rule comes from its {@link Access} or {@link PublicEndpoint} declaration;</li>
 * <li>public endpoints pass (the service authorises them otherwise);</li>
 * <li>a bearer token (configured or issued) or another credential ({@link CredentialResolver}) names the caller;
 * none or a bad one: 401 problem+json;</li>
 * <li>a role below the endpoint's: 403 problem+json naming the role needed (and, for state changes, a DENIED audit
 * record);</li>
 * <li>a state-changing request is written to the audit trail before it runs (if that fails: 503, nothing runs) and
 * completed with its status afterwards.</li>
 * </ol>
 * Every API answer carries {@code X-Request-Id} (the caller's, or a new one), which the audit record names.
 */
public class ApiSecurityWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityWebFilter.class);
    private static final String PREFIX = "Bearer ";
    /** Metrics name the fleet's batches, states and error codes: a viewer's read, unless configured public. */
    static final String METRICS_PATH = "/actuator/prometheus";
    private static final EndpointRule METRICS_RULE = EndpointRule.declared(Role.VIEWER, "metrics.read", false);

    private final EndpointAccess access;
    private final ConfiguredTokens configured;
    private final ObjectProvider<IssuedTokens> issued;
    private final ObjectProvider<AuditTrail> audit;
    private final ObjectProvider<CredentialResolver> resolvers;
    private final boolean metricsPublic;

    public ApiSecurityWebFilter(EndpointAccess access, ConfiguredTokens configured, ObjectProvider<IssuedTokens> issued,
                                ObjectProvider<AuditTrail> audit, ObjectProvider<CredentialResolver> resolvers) {
        this(access, configured, issued, audit, resolvers, false);
    }

    /** {@code metricsPublic}: {@value #METRICS_PATH} answers without a token ({@code osm.security.metrics-public}). */
    public ApiSecurityWebFilter(EndpointAccess access, ConfiguredTokens configured, ObjectProvider<IssuedTokens> issued,
                                ObjectProvider<AuditTrail> audit, ObjectProvider<CredentialResolver> resolvers,
                                boolean metricsPublic) {
        this.metricsPublic = metricsPublic;
        this.access = access;
        this.configured = configured;
        this.issued = issued;
        this.audit = audit;
        this.resolvers = resolvers;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        boolean metrics = path.equals(METRICS_PATH);
        if (!path.startsWith("/api/") && !metrics || metrics && metricsPublic) {
            return chain.filter(exchange);
        }
        String requestId = ApiRequests.requestId(request);
        exchange.getResponse().getHeaders().set(ApiRequests.REQUEST_ID_HEADER, requestId);
        Mono<EndpointRule> rules = metrics ? Mono.just(METRICS_RULE) : access.ruleFor(exchange);
        return rules.flatMap(rule -> rule.isPublic()
                ? chain.filter(exchange)
                : authenticate(exchange).flatMap(principal -> principal
                        .map(found -> authorize(exchange, chain, rule, found, requestId))
                        .orElseGet(() -> unauthorized(exchange))));
    }

    private Mono<Optional<Principal>> authenticate(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            for (CredentialResolver resolver : resolvers) {
                Optional<Principal> resolved = resolver.resolve(exchange);
                if (resolved.isPresent()) {
                    return Mono.just(resolved);
                }
            }
            return Mono.just(Optional.empty());
        }
        if (!authorization.startsWith(PREFIX)) {
            return Mono.just(Optional.empty());
        }
        String token = authorization.substring(PREFIX.length()).trim();
        Optional<Principal> fromConfiguration = configured.find(token);
        IssuedTokens store = issued.getIfAvailable();
        if (fromConfiguration.isPresent() || store == null || token.isEmpty()) {
            return Mono.just(fromConfiguration);
        }
        return Mono.fromCallable(() -> store.authenticate(token)).subscribeOn(Schedulers.boundedElastic());
    }

    private Mono<Void> authorize(ServerWebExchange exchange, WebFilterChain chain, EndpointRule rule,
                                 Principal principal, String requestId) {
        exchange.getAttributes().put(Principal.ATTRIBUTE, principal);
        boolean stateChanging = rule.audited() && !ApiRequests.isSafe(exchange.getRequest().getMethod().name());
        AuditTrail trail = stateChanging ? audit.getIfAvailable() : null;
        if (!principal.role().covers(rule.role())) {
            Mono<Void> refusal = forbidden(exchange, rule, principal);
            if (trail == null) {
                return refusal;
            }
            AuditTrail.Request what = auditRequest(exchange, rule, requestId);
            return Mono.fromRunnable(() -> trail.denied(principal, what)).subscribeOn(Schedulers.boundedElastic())
                    .onErrorResume(e -> {
                        log.warn("Could not record a denied request in the audit trail: {}", e.toString());
                        return Mono.empty();
                    })
                    .then(refusal);
        }
        if (trail == null) {
            return chain.filter(exchange);
        }
        return audited(exchange, chain, trail, principal, auditRequest(exchange, rule, requestId));
    }

    private Mono<Void> audited(ServerWebExchange exchange, WebFilterChain chain, AuditTrail trail, Principal principal,
                               AuditTrail.Request what) {
        return Mono.fromCallable(() -> Optional.of(trail.begin(principal, what)))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    log.error("The audit trail is unavailable, refusing {} {}: {}", what.method(), what.path(),
                            e.toString());
                    return Mono.just(Optional.empty());
                })
                .flatMap(auditId -> auditId.isEmpty()
                        ? ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Audit trail unavailable",
                                "The request was not carried out because it could not be recorded in the audit trail; "
                                        + "try again later", Map.of())
                        : chain.filter(exchange)
                                .then(Mono.defer(() -> finish(trail, auditId.get(), exchange, null)))
                                .onErrorResume(error -> finish(trail, auditId.get(), exchange, error)
                                        .then(Mono.error(error))));
    }

    private static Mono<Void> finish(AuditTrail trail, String auditId, ServerWebExchange exchange, Throwable error) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        int code = error != null && (status == null || status.is2xxSuccessful()) ? 500
                : status == null ? 200 : status.value();
        List<String> added = AuditResources.of(exchange);
        return Mono.fromRunnable(() -> trail.finish(auditId, code, added)).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> {
                    log.warn("Could not complete audit record {} (it stays PENDING and is published as UNKNOWN): {}",
                            auditId, e.toString());
                    return Mono.empty();
                }).then();
    }

    private static AuditTrail.Request auditRequest(ServerWebExchange exchange, EndpointRule rule, String requestId) {
        ServerHttpRequest request = exchange.getRequest();
        return new AuditTrail.Request(rule.action(), request.getMethod().name(),
                request.getPath().pathWithinApplication().value(), pathResources(exchange), ApiRequests.clientAddress(request),
                requestId);
    }

    /** Path variables as resource ids; a custom verb glued to an id ({@code j-1:release}) is cut off. */
    private static List<String> pathResources(ServerWebExchange exchange) {
        Map<String, String> variables = exchange.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        List<String> ids = new ArrayList<>();
        if (variables != null) {
            for (String value : variables.values()) {
                int verb = value.indexOf(':');
                String id = verb > 0 ? value.substring(0, verb) : value;
                if (!id.isBlank()) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String detail = authorization == null || !authorization.startsWith(PREFIX)
                ? "Missing bearer token: send 'Authorization: Bearer <token>'"
                : "The bearer token is not valid";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"osmigration\"");
        return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", detail, Map.of());
    }

    private static Mono<Void> forbidden(ServerWebExchange exchange, EndpointRule rule, Principal principal) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("requiredRole", rule.role().wireName());
        extra.put("role", principal.role().wireName());
        return ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "Forbidden",
                rule.action() + " needs the " + rule.role().wireName() + " role; the token '" + principal.name()
                        + "' has the " + principal.role().wireName() + " role", extra);
    }

    /** Before the controllers and any other filter but those that refuse requests outright. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
