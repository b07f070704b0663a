package io.osmigration.registry.activation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import io.osmigration.platform.facts.FactsParser;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.web.ApiException;
import io.osmigration.registry.activation.domain.ActivationCode;
import io.osmigration.registry.activation.domain.ActivationSecrets;
import io.osmigration.registry.activation.domain.Refusal;
import io.osmigration.registry.source.SourceSummary;
import io.osmigration.registry.source.Sources;
import io.osmigration.registry.source.domain.ImportMethod;
import io.osmigration.registry.source.domain.SourceRegistration;
import io.osmigration.registry.source.domain.SourceStatus;

/**
 * Activation codes and what they authorise: a server registering itself with the import script, and its heartbeats.
 * Codes are compared by hash; neither the code nor its hash is ever logged or returned after creation.
 */
@Service
public class ActivationService {

    private static final Logger log = LoggerFactory.getLogger(ActivationService.class);

    private final ActivationCodeStore store;
    private final FailedAttempts failedAttempts;
    private final Sources sources;
    private final InstanceIdentityVerifier identities;
    private final Clock clock;

    ActivationService(ActivationCodeStore store, FailedAttempts failedAttempts, Sources sources,
                      InstanceIdentityVerifier identities, Clock clock) {
        this.store = store;
        this.failedAttempts = failedAttempts;
        this.sources = sources;
        this.identities = identities;
        this.clock = clock;
    }

    /** A new code; the returned plain code exists only in this answer. */
    public CreatedCode create(int quota, int validityDays, String description) {
        Instant now = clock.instant();
        String code = ActivationSecrets.newCode();
        ActivationCode stored = new ActivationCode(ActivationSecrets.newId(), ActivationSecrets.hash(code), quota, 0,
                now, now.plus(Duration.ofDays(validityDays)), false, description);
        store.insert(stored);
        log.info("Activation code {} created: quota {}, expires {}", stored.id(), quota, stored.expiresAt());
        return new CreatedCode(stored, code);
    }

    public List<ActivationCode> list() {
        return store.all();
    }

    public ActivationCode revoke(String id) {
        ActivationCode revoked = store.revoke(id, clock.instant())
                .orElseThrow(() -> ApiException.notFound("Activation code " + id));
        log.info("Activation code {} revoked", id);
        return revoked;
    }

    /**
     * Registers the server whose collector output is {@code factsText}. Takes one activation from the code's quota,
     * except when this server was already activated with this code (running the script again updates it for free).
     *
     * <p>The server is the ECS instance its identity document names only when that document's signature verifies
     * ({@link InstanceIdentityVerifier}); an instance id the caller merely claims counts for nothing. Without a verified
     * document the server is a plain one, known by its machine-id: it is never bound to an ECS instance and so can
     * never take over, or change, an ECS source.
     *
     * @throws ApiException 429 after too many unknown codes from {@code address}, 401 for an unknown code, 403 for a
     *                      revoked, expired or exhausted one, 400 for facts that are not collector output
     */
    public Activation activate(String code, String factsText, Identity identity, String address) {
        refuseIfBlocked(address);
        String codeHash = ActivationSecrets.hash(code);
        ActivationCode known = store.findByHash(codeHash).orElseThrow(() -> unknownCode(address));
        ServerFacts facts = parseFacts(factsText);
        InstanceIdentityVerifier.Verification verification = identity == null
                ? InstanceIdentityVerifier.Verification.unverified("no instance identity document was sent")
                : identities.verify(identity.document(), identity.pkcs7(), identity.audience());
        if (identity != null && !verification.verified()) {
            log.info("Instance identity not verified ({}); registering as a plain server", verification.reason());
        }
        String sourceId = sourceId(verification, facts);
        Optional<SourceSummary> existing = sources.find(sourceId);
        boolean reactivation = existing.isPresent() && known.id().equals(existing.get().activationCodeId());
        if (reactivation) {
            known.refusalAt(clock.instant()).filter(refusal -> refusal != Refusal.EXHAUSTED).ifPresent(refusal -> {
                throw refused(refusal, known);
            });
            return new Activation(register(sourceId, verification, existing, facts, known), verification);
        }
        ActivationCode claimed = store.claim(codeHash, clock.instant()).orElseThrow(() -> {
            ActivationCode fresh = store.findByHash(codeHash).orElse(known);
            return refused(fresh.refusalAt(clock.instant()).orElse(Refusal.EXHAUSTED), fresh);
        });
        try {
            return new Activation(register(sourceId, verification, existing, facts, claimed), verification);
        } catch (RuntimeException e) {
            store.release(claimed.id());
            throw e;
        }
    }

    /**
     * Checks that {@code code} is the one that activated {@code sourceId} and still authorises heartbeats, then records
     * the heartbeat.
     */
    public SourceSummary heartbeat(String sourceId, String code, String address) {
        refuseIfBlocked(address);
        ActivationCode known = store.findByHash(ActivationSecrets.hash(code)).orElseThrow(() -> unknownCode(address));
        SourceSummary source = sources.find(sourceId)
                .orElseThrow(() -> ApiException.notFound("Source " + sourceId));
        if (!known.id().equals(source.activationCodeId())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Wrong activation code",
                    "Source " + sourceId + " was not activated with this activation code");
        }
        if (!known.authorisesHeartbeats()) {
            throw refused(Refusal.REVOKED, known);
        }
        sources.heartbeat(sourceId);
        return sources.find(sourceId).orElseThrow();
    }

    /** An ECS source imported by id stays one (its status keeps following Cloud Assistant). */
    private SourceSummary register(String sourceId, InstanceIdentityVerifier.Verification verification,
                                   Optional<SourceSummary> existing, ServerFacts facts, ActivationCode code) {
        ImportMethod method = existing.map(SourceSummary::importMethod).filter(ImportMethod.ECS::equals)
                .orElse(ImportMethod.ACTIVATION_CODE);
        return sources.register(new SourceRegistration(sourceId, verification.instanceId(), verification.regionId(),
                method, SourceStatus.ONLINE, null, facts, code.id()));
    }

    private void refuseIfBlocked(String address) {
        Duration wait = failedAttempts.blockedFor(address);
        if (!wait.isZero()) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts",
                    "Too many failed activation attempts from this address; try again in "
                            + Math.max(1, wait.toSeconds()) + " s");
        }
    }

    private ApiException unknownCode(String address) {
        failedAttempts.recordFailure(address);
        log.info("Unknown activation code presented from {}", address);
        return new ApiException(HttpStatus.UNAUTHORIZED, "Unknown activation code",
                "The activation code is not valid: check that it was copied completely");
    }

    private ApiException refused(Refusal refusal, ActivationCode code) {
        String detail = "The activation code " + code.id() + " " + refusal.description()
                + switch (refusal) {
                    case EXPIRED -> " (at " + code.expiresAt() + ")";
                    case EXHAUSTED -> " (" + code.used() + " of " + code.quota() + " used)";
                    case REVOKED -> "";
                };
        log.info("Activation refused: {}", detail);
        return new ApiException(HttpStatus.FORBIDDEN, "Activation code " + refusal.name().toLowerCase(), detail);
    }

    private ServerFacts parseFacts(String factsText) {
        try {
            return FactsParser.parse(factsText, clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("facts", e.getMessage());
        }
    }

    private static String sourceId(InstanceIdentityVerifier.Verification verification, ServerFacts facts) {
        try {
            return SourceRegistration.sourceIdFor(verification.regionId(), verification.instanceId(), facts.machineId());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("facts", "no machine-id in the facts and no verified instance identity "
                    + "document: the server cannot be identified");
        }
    }

    /** What an ECS instance sends to prove who it is (see {@link InstanceIdentityVerifier}). */
    public record Identity(String document, String pkcs7, String audience) {
    }

    /** A registered server and whether its instance identity was verified (and if not, why). */
    public record Activation(SourceSummary source, InstanceIdentityVerifier.Verification identity) {
    }

    /** A freshly created code: {@code code} is the plain secret, to be shown once. */
    public record CreatedCode(ActivationCode activationCode, String code) {
    }
}
