package io.osmigration.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.osmigration.schemas.DeterministicIds;

/**
 * The tokens from configuration ({@code osm.security.tokens}, and the deprecated plain {@code osm.security.api-tokens}
 * as admin tokens named {@code api-token-<n>}). Only hashes are kept; a presented token is hashed and compared with
 * every configured hash in constant time.
 */
public final class ConfiguredTokens {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredTokens.class);

    private final List<Entry> entries;

    private ConfiguredTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ConfiguredTokens from(SecurityProperties properties) {
        List<Entry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SecurityProperties.ConfiguredToken token : properties.tokens()) {
            if (!names.add(token.name())) {
                throw new IllegalArgumentException("osm.security.tokens: the name '" + token.name()
                        + "' is used twice; every token needs its own name (it is the actor in the audit trail)");
            }
            entries.add(new Entry(token.name(), token.role(), hexBytes(token.sha256())));
        }
        List<String> legacy = properties.apiTokens().stream().filter(token -> !token.isBlank()).toList();
        for (int i = 0; i < legacy.size(); i++) {
            String name = "api-token-" + (i + 1);
            if (!names.add(name)) {
                throw new IllegalArgumentException("osm.security.tokens uses the name " + name
                        + ", which osm.security.api-tokens[" + i + "] needs: rename it");
            }
            entries.add(new Entry(name, Role.ADMIN, hexBytes(hash(legacy.get(i).strip()))));
        }
        if (!legacy.isEmpty()) {
            log.warn("osm.security.api-tokens is deprecated: its {} token(s) are accepted as admin tokens named "
                    + "api-token-1..{}. Move them to osm.security.tokens[i].{{name, role, sha256}} with "
                    + "sha256 = printf %s \"$TOKEN\" | sha256sum", legacy.size(), legacy.size());
        }
        return new ConfiguredTokens(entries);
    }

    /** The principal whose token this is, if it is a configured one. */
    public Optional<Principal> find(String presented) {
        byte[] candidate = hexBytes(hash(presented));
        Entry found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.sha256, candidate)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(entry -> new Principal(entry.name, entry.role, Principal.CONFIGURED, null));
    }

    public boolean hasName(String name) {
        return entries.stream().anyMatch(entry -> entry.name.equals(name));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Names and roles, for listings (never the hashes). */
    public List<Principal> principals() {
        return entries.stream().map(entry -> new Principal(entry.name, entry.role, Principal.CONFIGURED, null)).toList();
    }

    /** The SHA-256 hex under which a token is configured or stored. */
    public static String hash(String token) {
        return DeterministicIds.sha256Hex(token);
    }

    private static byte[] hexBytes(String hex) {
        return hex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    private record Entry(String name, Role role, byte[] sha256) {
    }
}
