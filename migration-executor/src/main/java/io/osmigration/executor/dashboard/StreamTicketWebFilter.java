package io.osmigration.executor.dashboard;

import java.util.List;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.osmigration.platform.security.CredentialResolver;
import io.osmigration.platform.security.Principal;

import reactor.core.publisher.Mono;

/**
 * The SSE endpoints' second way in: a request without an {@code Authorization} header may bring a valid
 * {@code ?ticket=} instead, which speaks for the token that asked for it (the platform's security filter then checks
 * its role as for any token). A new {@code EventSource} cannot set {@code Last-Event-ID} either, so a
 * {@code lastEventId} query parameter is copied into that header for the controller.
 */
public final class StreamTicketWebFilter implements WebFilter, CredentialResolver, Ordered {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final List<PathPattern> STREAMS = List.of(
            PathPatternParser.defaultInstance.parse("/api/v1/events"),
            PathPatternParser.defaultInstance.parse("/api/v1/migrations/*/events"));

    private final StreamTickets tickets;

    public StreamTicketWebFilter(StreamTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Optional<Principal> resolve(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return isStream(request) ? tickets.principal(request.getQueryParams().getFirst("ticket")) : Optional.empty();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String lastEventId = request.getQueryParams().getFirst("lastEventId");
        if (isStream(request) && lastEventId != null && !lastEventId.isBlank()
                && request.getHeaders().getFirst(LAST_EVENT_ID) == null) {
            ServerHttpRequest resumed = request.mutate().header(LAST_EVENT_ID, lastEventId).build();
            return chain.filter(exchange.mutate().request(resumed).build());
        }
        return chain.filter(exchange);
    }

    private static boolean isStream(ServerHttpRequest request) {
        PathContainer path = PathContainer.parsePath(request.getPath().pathWithinApplication().value());
        return STREAMS.stream().anyMatch(pattern -> pattern.matches(path));
    }

    /** Before the platform's security filter, so that the controller sees the copied header whatever happens. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
