package io.osmigration.registry.activation;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code osm.registry.identity.*}: how an activating server proves it is a given ECS instance.
 *
 * @param certificates certificates whose keys sign instance identity documents: each a PEM text or the path of a PEM
 *                     file (several, to span a rotation). Empty: no document verifies, every script activation is a
 *                     plain server
 * @param maxAge       how old the document's audience (the script's {@code osmigration:<epoch seconds>}) may be, so
 *                     that a captured document cannot be replayed later
 */
@Validated
@ConfigurationProperties("osm.registry.identity")
public record IdentityProperties(@DefaultValue({}) List<String> certificates,
                                 @DefaultValue("15m") @NotNull Duration maxAge) {
}
