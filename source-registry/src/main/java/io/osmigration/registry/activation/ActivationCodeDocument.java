package io.osmigration.registry.activation;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.registry.activation.domain.ActivationCode;

/**
 * An activation code in MongoDB. {@code remaining} mirrors {@code quota - used} so that a claim can be one
 * findAndModify conditioned on {@code remaining > 0} (that is, {@code used < quota}) without {@code $expr}.
 */
@Document(ActivationCodeDocument.COLLECTION)
record ActivationCodeDocument(@Id String id, @Indexed(unique = true) String codeHash, int quota, int used,
                              int remaining, Instant createdAt, Instant expiresAt, boolean revoked,
                              Instant revokedAt, String description) {

    static final String COLLECTION = "activation_codes";

    ActivationCode toDomain() {
        return new ActivationCode(id, codeHash, quota, used, createdAt, expiresAt, revoked, description);
    }
}
