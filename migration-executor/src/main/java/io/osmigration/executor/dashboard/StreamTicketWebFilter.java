package io.osmigration.executor.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import reactor.core.publisher.Mono;

/**
 * Guards the SSE endpoints, which the yml leaves public for the platform's bearer filter: a request needs either a
 * valid bearer token or a valid {@code ?ticket=}. A new {@code EventSource} cannot set {@code Last-Event-ID}, so a
 * {@code lastEventId} query parameter is copied into that header for the controller.
 */
public final class StreamTicketWebFilter implements WebFilter, Ordered {

    static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String PREFIX = "Bearer ";
    private static final List<PathPattern> STREAMS = List.of(
            PathPatternParser.defaultInstance.parse("/api/v1/events"),
            PathPatternParser.defaultInstance.parse("/api/v1/migrations/*/events"));

    private final List<byte[]> tokens;
    private final StreamTickets tickets;

    public StreamTicketWebFilter(List<String> apiTokens, StreamTickets tickets) {
        this.tokens = apiTokens.stream().filter(token -> !token.isBlank())
                .map(token -> token.getBytes(StandardCharsets.UTF_8)).toList();
        this.tickets = tickets;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        PathContainer path = PathContainer.parsePath(request.getPath().pathWithinApplication().value());
        if (STREAMS.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        if (!bearerAccepted(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
                && !tickets.valid(request.getQueryParams().getFirst("ticket"))) {
            return unauthorized(exchange);
        }
        String lastEventId = request.getQueryParams().getFirst("lastEventId");
        if (lastEventId != null && !lastEventId.isBlank() && request.getHeaders().getFirst(LAST_EVENT_ID) == null) {
            ServerHttpRequest resumed = request.mutate().header(LAST_EVENT_ID, lastEventId).build();
            return chain.filter(exchange.mutate().request(resumed).build());
        }
        return chain.filter(exchange);
    }

    private boolean bearerAccepted(String authorization) {
        if (authorization == null || !authorization.startsWith(PREFIX)) {
            return false;
        }
        byte[] candidate = authorization.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : tokens) {
            match |= MessageDigest.isEqual(token, candidate);
        }
        return match;
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"osmigration\"");
        String body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Send 'Authorization: Bearer <token>' or a valid ?ticket= from POST /api/v1/stream-tickets\","
                + "\"instance\":\"" + exchange.getRequest().getPath().value().replace("\"", "") + "\"}";
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    /** Right after the platform's bearer filter, before the controllers. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }
}
