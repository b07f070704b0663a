package io.osmigration.allinone.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.osmigration.executor.dashboard.StreamTickets;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTicketsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private static final Duration LIFETIME = Duration.ofSeconds(60);

    private static StreamTickets at(Instant now, List<String> tokens) {
        return new StreamTickets(tokens, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFreshTicketIsValidUntilItExpires() {
        StreamTickets.Ticket ticket = at(NOW, List.of("t1")).issue();

        assertThat(ticket.expiresAt()).isEqualTo(NOW.plus(LIFETIME));
        assertThat(at(NOW.plusSeconds(59), List.of("t1")).valid(ticket.ticket())).isTrue();
        assertThat(at(NOW.plusSeconds(60), List.of("t1")).valid(ticket.ticket())).isFalse();
    }

    @Test
    void anotherReplicaWithTheSameTokensAcceptsIt() {
        String ticket = at(NOW, List.of("a", "b")).issue().ticket();

        assertThat(at(NOW, List.of("b", "a")).valid(ticket)).as("order of tokens does not matter").isTrue();
        assertThat(at(NOW, List.of("c")).valid(ticket)).as("other tokens, other key").isFalse();
    }

    @Test
    void aForgedOrTamperedTicketIsRefused() {
        String ticket = at(NOW, List.of("t1")).issue().ticket();
        String mac = ticket.substring(ticket.indexOf('.') + 1);
        String laterExpiry = (NOW.getEpochSecond() + 3600) + "." + mac;

        StreamTickets tickets = at(NOW, List.of("t1"));
        assertThat(tickets.valid(laterExpiry)).isFalse();
        assertThat(tickets.valid(ticket + "x")).isFalse();
        assertThat(tickets.valid(null)).isFalse();
        assertThat(tickets.valid("")).isFalse();
        assertThat(tickets.valid("garbage")).isFalse();
        assertThat(tickets.valid("abc.def")).isFalse();
        assertThat(tickets.valid(".")).isFalse();
    }

    @Test
    void theTicketDoesNotContainTheToken() {
        String ticket = at(NOW, List.of("very-secret-token")).issue().ticket();

        assertThat(ticket).doesNotContain("very-secret-token");
    }
}
