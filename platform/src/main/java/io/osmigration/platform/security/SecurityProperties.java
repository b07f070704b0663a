package io.osmigration.platform.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code osm.security.*}: who may call the API, where issued tokens and the audit trail live, and the key that seals
 * stored secrets. Every service reads the same values.
 *
 * @param tokens        tokens from configuration: name, role and the SHA-256 (hex) of the token, never the token
 * @param apiTokens     deprecated plain tokens of the first release; each is accepted as an admin token named
 *                      {@code api-token-<n>} (n from 1), with a warning at start; move them to {@link #tokens}
 * @param database      MongoDB database shared by every service for issued tokens and the audit trail
 * @param tokenCacheTtl how long a service trusts what it read about an issued token; a revocation done elsewhere
 *                      takes effect within this time (at once on the service that revoked it)
 * @param dataKey       base64 AES key (16, 24 or 32 bytes) that seals secrets at rest; new secrets are sealed with it
 * @param oldDataKeys   former data keys, still read after a rotation until nothing sealed with them is left
 * @param audit         how the audit trail is relayed to {@code osm.audit}
 */
@Validated
@ConfigurationProperties("osm.security")
public record SecurityProperties(
        @DefaultValue({}) @Valid List<ConfiguredToken> tokens,
        @DefaultValue({}) List<String> apiTokens,
        @DefaultValue("osm_security") @NotBlank String database,
        @DefaultValue("10s") @NotNull Duration tokenCacheTtl,
        @DefaultValue("") String dataKey,
        @DefaultValue({}) List<String> oldDataKeys,
        @DefaultValue @Valid @NotNull Audit audit) {

    /**
     * One token from configuration.
     *
     * @param name   the actor name in the audit trail (letters, digits, {@code . _ -})
     * @param role   viewer, operator or admin
     * @param sha256 lowercase hex SHA-256 of the token ({@code printf %s "$TOKEN" | sha256sum})
     */
    public record ConfiguredToken(
            @NotBlank @Pattern(regexp = TokenNames.PATTERN, message = TokenNames.MESSAGE) String name,
            @NotNull Role role,
            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be the 64 hex digits of a SHA-256") String sha256) {

        @Override
        public String toString() {
            return "ConfiguredToken[name=" + name + ", role=" + role.wireName() + "]";
        }
    }

    /**
     * @param pollInterval how often a service looks for audit records to publish when nothing woke it (its own
     *                     requests wake it at once; the poll only finds records other services left behind)
     * @param orphanAfter  records of a service that stopped before publishing them (or before the request finished)
     *                     are published by any other service after this long
     */
    public record Audit(@DefaultValue("5s") @NotNull Duration pollInterval,
                        @DefaultValue("2m") @NotNull Duration orphanAfter) {
    }

    /** Keeps tokens and keys out of logs and actuator output. */
    @Override
    public String toString() {
        return "SecurityProperties[tokens=" + tokens + ", apiTokens=" + apiTokens.size() + " configured, database="
                + database + ", dataKey=" + (dataKey.isBlank() ? "unset" : "<set>") + ", oldDataKeys="
                + oldDataKeys.size() + "]";
    }
}
