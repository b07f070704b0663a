package io.osmigration.executor.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived, HMAC-signed tickets that let an {@code EventSource} (which cannot send headers) open an SSE stream
 * without putting the long-lived API token in a URL. Stateless: the key is derived from the configured API tokens,
 * so every replica with the same tokens accepts a ticket any replica issued. Format: {@code <expiryEpochSeconds>.<mac>}.
 */
public final class StreamTickets {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;
    private final Duration lifetime;
    private final Clock clock;

    public StreamTickets(List<String> apiTokens, Duration lifetime, Clock clock) {
        this.key = deriveKey(apiTokens);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A ticket valid for the lifetime from now. */
    public Ticket issue() {
        Instant expiresAt = clock.instant().plus(lifetime);
        String payload = Long.toString(expiresAt.getEpochSecond());
        return new Ticket(payload + "." + sign(payload), expiresAt);
    }

    /** Whether the ticket was signed with our key and has not expired; never throws on garbage. */
    public boolean valid(String ticket) {
        if (ticket == null) {
            return false;
        }
        int dot = ticket.indexOf('.');
        if (dot <= 0 || dot == ticket.length() - 1) {
            return false;
        }
        String payload = ticket.substring(0, dot);
        long expiry;
        try {
            expiry = Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return false;
        }
        boolean signed = MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                ticket.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
        return signed && clock.instant().getEpochSecond() < expiry;
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

    /** Sorted so replicas configured with the same tokens in another order agree on the key. */
    private static byte[] deriveKey(List<String> apiTokens) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("osm-stream-ticket-key\n".getBytes(StandardCharsets.UTF_8));
            for (String token : new TreeSet<>(apiTokens.stream().filter(t -> !t.isBlank()).toList())) {
                sha.update(token.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return sha.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** An issued ticket. */
    public record Ticket(String ticket, Instant expiresAt) {
    }
}
