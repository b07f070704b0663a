package io.osmigration.allinone.dashboard;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.osmigration.executor.dashboard.StreamTickets;
import io.osmigration.platform.security.Principal;
import io.osmigration.platform.security.Role;

import static org.assertj.core.api.Assertions.assertThat;

class StreamTicketsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T20:00:00Z");
    private static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final byte[] KEY = "a key derived from the data key!".getBytes(StandardCharsets.UTF_8);
    private static final Principal VIEWER = new Principal("dash-viewer", Role.VIEWER, Principal.CONFIGURED, null);

    private static StreamTickets at(Instant now, byte[] key) {
        return new StreamTickets(key, LIFETIME, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFreshTicketSpeaksForItsTokensNameAndRoleUntilItExpires() {
        StreamTickets.Ticket ticket = at(NOW, KEY).issue(VIEWER);

        assertThat(ticket.expiresAt()).isEqualTo(NOW.plus(LIFETIME));
        Principal principal = at(NOW.plusSeconds(59), KEY).principal(ticket.ticket()).orElseThrow();
        assertThat(principal.name()).isEqualTo("dash-viewer");
        assertThat(principal.role()).isEqualTo(Role.VIEWER);
        assertThat(at(NOW.plusSeconds(60), KEY).valid(ticket.ticket())).isFalse();
    }

    @Test
    void anotherReplicaWithTheSameKeyAcceptsIt() {
        String ticket = at(NOW, KEY).issue(VIEWER).ticket();

        assertThat(at(NOW, KEY.clone()).valid(ticket)).isTrue();
        assertThat(at(NOW, "another key, another replica set".getBytes(StandardCharsets.UTF_8)).valid(ticket)).isFalse();
    }

    @Test
    void aForgedOrTamperedTicketIsRefused() {
        String ticket = at(NOW, KEY).issue(VIEWER).ticket();
        String[] parts = ticket.split("\\.");
        String laterExpiry = (NOW.getEpochSecond() + 3600) + "." + parts[1] + "." + parts[2] + "." + parts[3];
        String promoted = parts[0] + ".admin." + parts[2] + "." + parts[3];

        StreamTickets tickets = at(NOW, KEY);
        assertThat(tickets.valid(laterExpiry)).isFalse();
        assertThat(tickets.valid(promoted)).as("the role is signed too").isFalse();
        assertThat(tickets.valid(ticket + "x")).isFalse();
        assertThat(tickets.valid(null)).isFalse();
        assertThat(tickets.valid("")).isFalse();
        assertThat(tickets.valid("garbage")).isFalse();
        assertThat(tickets.valid("abc.def")).isFalse();
        assertThat(tickets.valid(".")).isFalse();
    }
}
