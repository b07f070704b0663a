package io.osmigration.allinone.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.osmigration.executor.dashboard.StreamTicketWebFilter;
import io.osmigration.executor.dashboard.StreamTickets;
import io.osmigration.platform.security.Principal;
import io.osmigration.platform.security.Role;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTicketWebFilterTest {

    private final StreamTickets tickets = new StreamTickets("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            Duration.ofSeconds(60), Clock.systemUTC());
    private final StreamTicketWebFilter filter = new StreamTicketWebFilter(tickets);
    private final AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
    private final WebFilterChain chain = exchange -> {
        passed.set(exchange);
        return Mono.empty();
    };

    @Test
    void aValidTicketOnAStreamSpeaksForTheTokenThatAskedForIt() {
        String ticket = tickets.issue(new Principal("ops", Role.OPERATOR, Principal.CONFIGURED, null)).ticket();

        Principal principal = filter.resolve(MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/migrations/b-1/events?ticket={t}", ticket))).orElseThrow();

        assertThat(principal.name()).isEqualTo("ops");
        assertThat(principal.role()).isEqualTo(Role.OPERATOR);
    }

    @Test
    void aTicketOpensNothingButTheStreams() {
        String ticket = tickets.issue(new Principal("ops", Role.ADMIN, Principal.CONFIGURED, null)).ticket();

        assertThat(filter.resolve(MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/v1/migrations/b-1:cancel?ticket={t}", ticket)))).isEmpty();
        assertThat(filter.resolve(MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/events?ticket=99999999999.admin.b3Bz.AAAA")))).isEmpty();
    }

    @Test
    void aStreamResumesFromTheLastEventIdParameter() {
        filter.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/migrations/b-1/events?lastEventId=e-42")),
                chain).block();

        assertThat(passed.get().getRequest().getHeaders().getFirst("Last-Event-ID")).isEqualTo("e-42");
    }
}
