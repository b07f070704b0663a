package io.osmigration.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage (webhook secrets, webhook URLs with their access token): AES-GCM under
 * {@code osm.security.data-key}, a fresh 96-bit nonce per value, and the value's place (e.g.
 * {@code channels/ch-1/secret}) as associated data, so a sealed value copied to another record does not open.
 *
 * <p>A sealed value reads {@code osm:sealed:v1:<keyId>:<base64url(nonce | ciphertext | tag)>}, where the key id is
 * derived from the key: after a rotation (new key in {@code data-key}, the old one in {@code old-data-keys}) values
 * sealed with the old key still open, new values are sealed with the new key, and {@link #needsResealing} tells which
 * stored values to seal again before the old key can be dropped.
 */
public final class SecretSealer {

    static final String PREFIX = "osm:sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Key current;
    private final Map<String, Key> readable = new LinkedHashMap<>();

    private SecretSealer(Key current, List<Key> old) {
        this.current = current;
        if (current != null) {
            readable.put(current.id, current);
        }
        old.forEach(key -> readable.putIfAbsent(key.id, key));
    }

    public static SecretSealer from(SecurityProperties properties) {
        Key current = properties.dataKey().isBlank() ? null : Key.parse("osm.security.data-key", properties.dataKey());
        List<Key> old = new ArrayList<>();
        for (int i = 0; i < properties.oldDataKeys().size(); i++) {
            String value = properties.oldDataKeys().get(i);
            if (!value.isBlank()) {
                old.add(Key.parse("osm.security.old-data-keys[" + i + "]", value));
            }
        }
        return new SecretSealer(current, old);
    }

    /** Fails at start, with what to do, when a service that must seal has no data key. */
    public SecretSealer requireKey(String forWhat) {
        if (current == null) {
            throw new IllegalStateException("osm.security.data-key is not set, but " + forWhat + " must be sealed at "
                    + "rest: set it (OSM_SECURITY_DATA_KEY) to 32 random bytes in base64, e.g. openssl rand -base64 32, "
                    + "the same on every service");
        }
        return this;
    }

    public boolean hasKey() {
        return current != null;
    }

    /** Seals {@code plain}; {@code context} names where the value is stored and must be given again to open it. */
    public String seal(String plain, String context) {
        if (plain == null) {
            return null;
        }
        requireKey("this value");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, current.spec, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return PREFIX + current.id + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed value. A value that is not sealed (written before sealing existed) is returned as it is, so that
     * stored data from an older version keeps working until it is sealed again.
     *
     * @throws IllegalStateException when the value was sealed with a key that is not configured, or was altered
     */
    public String open(String stored, String context) {
        if (stored == null || !isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        String keyId = colon < 0 ? "" : rest.substring(0, colon);
        Key key = readable.get(keyId);
        if (key == null) {
            throw new IllegalStateException("A value at " + context + " was sealed with data key " + keyId
                    + ", which is neither osm.security.data-key nor in osm.security.old-data-keys");
        }
        try {
            byte[] data = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The sealed value at " + context + " does not open with data key " + keyId
                    + ": it was altered or belongs elsewhere");
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Whether a stored value is in clear or sealed with an older key, and should be sealed again. */
    public boolean needsResealing(String stored) {
        return stored != null && current != null && !stored.startsWith(PREFIX + current.id + ":");
    }

    /**
     * A key for another purpose (e.g. signing stream tickets) derived from the data key, so every replica with the
     * same configuration derives the same one; empty without a data key.
     */
    public java.util.Optional<byte[]> derive(String purpose) {
        if (current == null) {
            return java.util.Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(current.bytes, "HmacSHA256"));
            return java.util.Optional.of(mac.doFinal(("osm-derived-key:" + purpose).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The id of the key that seals new values, for logs; null without a key. */
    public String currentKeyId() {
        return current == null ? null : current.id;
    }

    private record Key(String id, byte[] bytes, SecretKeySpec spec) {

        static Key parse(String property, String base64) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + " is not base64: generate one with openssl rand -base64 32");
            }
            if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
                throw new IllegalArgumentException(property + " must be 16, 24 or 32 bytes (AES-128/192/256), is "
                        + bytes.length + ": generate one with openssl rand -base64 32");
            }
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                String id = "k" + HexFormat.of().formatHex(digest, 0, 4);
                return new Key(id, bytes, new SecretKeySpec(bytes, "AES"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
    }
}
