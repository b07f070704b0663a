package io.osmigration.executor.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.osmigration.platform.security.Principal;
import io.osmigration.platform.security.Role;

/**
 * Short-lived, HMAC-signed tickets that let an {@code EventSource} (which cannot send headers) open an SSE stream
 * without putting the long-lived API token in a URL. A ticket carries the name and role of the token that asked for
 * it, so the stream is authorised like a request with that token. Stateless: the key is derived from
 * {@code osm.security.data-key}, so every replica accepts a ticket any replica issued. Format:
 * {@code <expiryEpochSeconds>.<role>.<base64url(token name)>.<mac>}.
 */
public final class StreamTickets {

    static final String TOKEN_ID = "stream-ticket";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;

    public StreamTickets(byte[] key, Duration lifetime, Clock clock) {
        this.key = key.clone();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A ticket for {@code principal}, valid for the lifetime from now. */
    public Ticket issue(Principal principal) {
        Instant expiresAt = clock.instant().plus(lifetime);
        String payload = expiresAt.getEpochSecond() + "." + principal.role().wireName() + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(principal.name().getBytes(StandardCharsets.UTF_8));
        return new Ticket(payload + "." + sign(payload), expiresAt);
    }

    /** Who a ticket speaks for, if it was signed with our key and has not expired; never throws on garbage. */
    public Optional<Principal> principal(String ticket) {
        if (ticket == null) {
            return Optional.empty();
        }
        int mac = ticket.lastIndexOf('.');
        if (mac <= 0 || mac == ticket.length() - 1) {
            return Optional.empty();
        }
        String payload = ticket.substring(0, mac);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                ticket.substring(mac + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\.", -1);
        try {
            Instant expiry = Instant.ofEpochSecond(Long.parseLong(parts[0]));
            if (parts.length != 3 || !clock.instant().isBefore(expiry)) {
                return Optional.empty();
            }
            String name = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);
            return Optional.of(new Principal(name, Role.parse(parts[1]), TOKEN_ID, expiry));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean valid(String ticket) {
        return principal(ticket).isPresent();
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] digest = mac.doFinal(("osm-stream-ticket:" + payload).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** An issued ticket. */
    public record Ticket(String ticket, Instant expiresAt) {
    }
}
