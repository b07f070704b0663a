package io.osmigration.allinone.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.osmigration.executor.dashboard.StreamTicketWebFilter;
import io.osmigration.executor.dashboard.StreamTickets;

import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTicketWebFilterTest {

    private final StreamTickets tickets = new StreamTickets(List.of("tok"), Duration.ofSeconds(60), Clock.systemUTC());
    private final StreamTicketWebFilter filter = new StreamTicketWebFilter(List.of("tok"), tickets);
    private final AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
    private final WebFilterChain chain = exchange -> {
        passed.set(exchange);
        return Mono.empty();
    };

    @Test
    void aStreamWithoutTokenOrTicketIsRefusedAsProblemJson() {
        MockServerWebExchange exchange = run(MockServerHttpRequest.get("/api/v1/migrations/b-1/events"));

        assertThat(passed.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"status\":401", "stream-tickets");
    }

    @Test
    void aStreamWithAValidTicketPassesAndResumesFromTheLastEventIdParameter() {
        String ticket = tickets.issue().ticket();

        run(MockServerHttpRequest.get("/api/v1/migrations/b-1/events?ticket={t}&lastEventId=e-42", ticket));

        assertThat(passed.get()).isNotNull();
        assertThat(passed.get().getRequest().getHeaders().getFirst("Last-Event-ID")).isEqualTo("e-42");
    }

    @Test
    void aStreamWithABearerTokenPasses() {
        run(MockServerHttpRequest.get("/api/v1/events").header("Authorization", "Bearer tok"));

        assertThat(passed.get()).isNotNull();
        assertThat(passed.get().getRequest().getHeaders().getFirst("Last-Event-ID")).isNull();
    }

    @Test
    void aWrongTokenOrForgedTicketIsRefused() {
        MockServerWebExchange wrongToken = run(MockServerHttpRequest.get("/api/v1/events")
                .header("Authorization", "Bearer nope"));
        MockServerWebExchange forged = run(MockServerHttpRequest.get("/api/v1/events?ticket=99999999999.AAAA"));

        assertThat(passed.get()).isNull();
        assertThat(wrongToken.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(forged.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void otherPathsAreLeftToThePlatformFilter() {
        run(MockServerHttpRequest.get("/api/v1/migrations/b-1"));

        assertThat(passed.get()).as("the bearer check there is ApiTokenWebFilter's").isNotNull();
    }

    private MockServerWebExchange run(MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, chain).block();
        return exchange;
    }
}
