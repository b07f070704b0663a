package io.osmigration.registry.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import io.osmigration.registry.IntegrationTest;
import io.osmigration.registry.source.SourceDocument;
import io.osmigration.registry.source.domain.SourceIds;

import tools.jackson.databind.JsonNode;

/**
 * An activation names an ECS instance only with a signed identity document that verifies against the configured
 * certificate (here the simulator's test CA). A claim without one, a document signed by another CA, a tampered or
 * stale one: all register a plain server by machine-id and leave the ECS source they claim untouched.
 */
class IdentityActivationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static String ecsSourceId;
    private static SourceDocument before;

    @Autowired
    private FailedAttempts failedAttempts;

    @AfterEach
    void forgetFailures() {
        failedAttempts.reset();
    }

    @BeforeAll
    static void noState() {
        ecsSourceId = SourceIds.forEcs(DEMO_REGION, CLAIMED);
    }

    @Test
    void aClaimedInstanceWithoutAVerifiedDocumentNeitherBindsNorChangesTheEcsSource() throws Exception {
        importByEcs();
        String audience = "osmigration:" + Instant.now().getEpochSecond();
        Map<String, String> genuine = identityOf(CLAIMED, audience);

        // 1. Just saying so (what the old script sent).
        expectPlain(activate("claim-only", Map.of("instanceId", CLAIMED, "regionId", DEMO_REGION)), "claim-only",
                "no instance identity document was sent");
        // 2. A document for that instance signed by a CA of the caller's own.
        expectPlain(activate("forged", Map.of("identity", forged(genuine.get("document"), audience))), "forged",
                "does not verify with a configured certificate");
        // 3. The genuine signature with the document edited to name another instance.
        Map<String, String> tampered = new HashMap<>(identityOf(SCRIPTED, audience));
        tampered.put("document", tampered.get("document").replace(SCRIPTED, CLAIMED));
        expectPlain(activate("tampered", Map.of("identity", tampered)), "tampered", "does not verify");
        // 4. A genuine document captured long ago (its audience is old).
        String old = "osmigration:" + Instant.now().minusSeconds(3600).getEpochSecond();
        expectPlain(activate("replayed", Map.of("identity", identityOf(CLAIMED, old))), "replayed", "outside the accepted");

        SourceDocument after = mongo.findById(ecsSourceId, SourceDocument.class);
        assertThat(after.getImportMethod()).isEqualTo(before.getImportMethod());
        assertThat(after.getImportedAt()).isEqualTo(before.getImportedAt());
        assertThat(after.getFacts().machineId()).isEqualTo(before.getFacts().machineId());
        assertThat(after.getActivationCodeId()).isEqualTo(before.getActivationCodeId());
    }

    @Test
    void aDocumentSignedByTheConfiguredCertificateIsThatInstanceEvenWhenTheCallerClaimsAnother() throws Exception {
        String audience = "osmigration:" + Instant.now().getEpochSecond();
        EntityExchangeResult<byte[]> result = activate("genuine-scripted",
                Map.of("identity", identityOf(SCRIPTED, audience), "instanceId", CLAIMED, "regionId", DEMO_REGION));
        assertThat(result.getStatus().value()).isEqualTo(201);
        assertThat(result.getResponseHeaders().getFirst("X-Osm-Instance-Identity")).isEqualTo("verified");
        JsonNode source = json(result.getResponseBody());
        assertThat(source.get("sourceId").asString()).isEqualTo(SourceIds.forEcs(DEMO_REGION, SCRIPTED));
        assertThat(source.get("instanceId").asString()).isEqualTo(SCRIPTED);
        assertThat(mongo.findById(SourceIds.forMachine("genuine-scripted"), SourceDocument.class)).isNull();
    }

    @Test
    void theGenuineInstanceRefreshesItsEcsSourceWhichStaysAnEcsSource() throws Exception {
        importByEcs();
        String audience = "osmigration:" + Instant.now().getEpochSecond();
        EntityExchangeResult<byte[]> result = activate("genuine-claimed", Map.of("identity", identityOf(CLAIMED, audience)));
        assertThat(result.getStatus().value()).isEqualTo(201);
        SourceDocument after = mongo.findById(ecsSourceId, SourceDocument.class);
        assertThat(after.getImportMethod().name()).isEqualTo("ECS");
        assertThat(after.getFacts().machineId()).isEqualTo("genuine-claimed");
        assertThat(after.getActivationCodeId()).isNotNull();
    }

    private void importByEcs() {
        client().post().uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", DEMO_REGION, "instanceIds", List.of(CLAIMED))).exchange()
                .expectStatus().isCreated();
        before = mongo.findById(ecsSourceId, SourceDocument.class);
        assertThat(before.getImportMethod().name()).isEqualTo("ECS");
    }

    private void expectPlain(EntityExchangeResult<byte[]> result, String machineId, String reason) {
        assertThat(result.getStatus().value()).isEqualTo(201);
        assertThat(result.getResponseHeaders().getFirst("X-Osm-Instance-Identity")).startsWith("unverified")
                .contains(reason);
        JsonNode source = json(result.getResponseBody());
        assertThat(source.get("sourceId").asString()).isEqualTo(SourceIds.forMachine(machineId));
        assertThat(source.has("instanceId")).isFalse();
    }

    private EntityExchangeResult<byte[]> activate(String machineId, Map<String, Object> extra) {
        String code = json(client().post().uri("/api/v1/activation-codes").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("quota", 1)).exchange().expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody()).get("code").asString();
        Map<String, Object> body = new HashMap<>(extra);
        body.put("activationCode", code);
        body.put("facts", Facts.centos7(machineId));
        return anonymousClient().post().uri("/api/v1/sources/activate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectBody().returnResult();
    }

    /** What the instance's metadata service gives: its document and the signature for {@code audience}. */
    private Map<String, String> identityOf(String instanceId, String audience) throws Exception {
        String base = simulatorUrl() + "/metadata/" + instanceId + "/latest/dynamic/instance-identity/";
        return Map.of("document", get(base + "document"), "pkcs7", get(base + "pkcs7?audience=" + audience),
                "audience", audience);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** A CMS signature of the document as ECS would sign it for the audience, but with a key of our own. */
    private static Map<String, String> forged(String document, String audience) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
        X500Name name = new X500Name("CN=osmigration ECS simulator instance identity (test CA), O=osmigration");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(3600)),
                name, keys.getPublic()).build(signer));
        CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
        cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(signer, certificate));
        byte[] signed = InstanceIdentityVerifier.withAudience(document, audience);
        String pkcs7 = Base64.getEncoder().encodeToString(cms.generate(new CMSProcessableByteArray(signed), false)
                .getEncoded());
        return Map.of("document", document, "pkcs7", pkcs7, "audience", audience);
    }
}
