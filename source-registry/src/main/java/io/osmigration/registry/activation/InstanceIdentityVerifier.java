package io.osmigration.registry.activation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an ECS instance identity document against its PKCS#7 signature, so that only a server that really is an
 * instance may register as that instance. What ECS does (help.aliyun.com "Use instance identities"): the metadata
 * service serves the document ({@code /latest/dynamic/instance-identity/document}) and a CMS signature of it
 * ({@code .../pkcs7?audience=<value>}) that {@code openssl smime -verify -content <document> -certfile <Alibaba's
 * certificate> -noverify} accepts; with an audience, the signed content is the document with
 * {@code "audience":"<value>"} appended as its last field. So:
 * <ol>
 * <li>the signed content is rebuilt from the document and the audience (or taken from the signature when it
 * encapsulates it),</li>
 * <li>the signature must verify with the public key of one of {@code osm.registry.identity.certificates} (the
 * certificate is not taken from the signature: anyone can put one there),</li>
 * <li>the audience must be the script's {@code osmigration:<epoch seconds>} and no older than {@code max-age}, so a
 * captured document cannot be replayed later,</li>
 * <li>instance-id and region-id are read from the verified content only.</li>
 * </ol>
 */
@Component
@EnableConfigurationProperties(IdentityProperties.class)
class InstanceIdentityVerifier {

    private static final Logger log = LoggerFactory.getLogger(InstanceIdentityVerifier.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern AUDIENCE = Pattern.compile("osmigration:(\\d{1,12})");
    private static final Pattern PEM = Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----");
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[A-Za-z0-9]{1,62}");
    private static final Pattern REGION_ID = Pattern.compile("[a-z0-9-]{2,32}");

    private final List<X509Certificate> trusted;
    private final Duration maxAge;
    private final Clock clock;

    InstanceIdentityVerifier(IdentityProperties properties, Clock clock) {
        this.trusted = certificates(properties.certificates());
        this.maxAge = properties.maxAge();
        this.clock = clock;
        if (trusted.isEmpty()) {
            log.warn("No osm.registry.identity.certificates configured: no instance identity document can be verified, "
                    + "so servers activated with the import script register as plain servers (machine-id), never as "
                    + "ECS instances");
        }
    }

    /** The verified instance, or why the identity does not count. Never throws on bad input. */
    Verification verify(String document, String pkcs7, String audience) {
        if (document == null || document.isBlank() || pkcs7 == null || pkcs7.isBlank()) {
            return Verification.unverified("no instance identity document was sent");
        }
        if (trusted.isEmpty()) {
            return Verification.unverified("no certificate to verify instance identity documents is configured");
        }
        Matcher fresh = AUDIENCE.matcher(audience == null ? "" : audience);
        if (!fresh.matches()) {
            return Verification.unverified("the identity document has no osmigration audience");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(fresh.group(1)));
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(maxAge)) || signedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            return Verification.unverified("the identity document's audience is from " + signedAt
                    + ", outside the accepted " + maxAge.toMinutes() + " minutes");
        }
        byte[] content = withAudience(document.strip(), audience);
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(content), base64(pkcs7));
        } catch (CMSException | IllegalArgumentException e) {
            return Verification.unverified("the identity signature is not PKCS#7");
        }
        if (signed.getSignedContent() != null && signed.getSignedContent().getContent() instanceof byte[] embedded
                && embedded.length > 0 && !java.util.Arrays.equals(embedded, content)) {
            content = embedded;
        }
        if (!signedByTrustedKey(signed)) {
            return Verification.unverified("the identity signature does not verify with a configured certificate");
        }
        return fromDocument(content, audience);
    }

    private boolean signedByTrustedKey(CMSSignedData signed) {
        for (SignerInformation signer : signed.getSignerInfos().getSigners()) {
            for (X509Certificate certificate : trusted) {
                try {
                    if (signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                        return true;
                    }
                } catch (CMSException | OperatorCreationException | RuntimeException e) {
                    // Not this certificate's key (or not a signature it can check): try the next.
                }
            }
        }
        return false;
    }

    private static Verification fromDocument(byte[] content, String audience) {
        JsonNode document;
        try {
            document = JSON.readTree(content);
        } catch (JacksonException e) {
            return Verification.unverified("the signed identity document is not JSON");
        }
        String instanceId = text(document, "instance-id");
        String regionId = text(document, "region-id");
        if (!audience.equals(text(document, "audience"))) {
            return Verification.unverified("the signed identity document names another audience");
        }
        if (!INSTANCE_ID.matcher(instanceId).matches() || !REGION_ID.matcher(regionId).matches()) {
            return Verification.unverified("the signed identity document has no instance-id and region-id");
        }
        return new Verification(true, instanceId, regionId, text(document, "owner-account-id"), null);
    }

    /** The document as ECS signs it for an audience: {@code "audience":"<value>"} appended as its last field. */
    static byte[] withAudience(String document, String audience) {
        int end = document.lastIndexOf('}');
        if (end < 0) {
            return document.getBytes(StandardCharsets.UTF_8);
        }
        String body = document.substring(0, end).stripTrailing();
        String separator = body.endsWith("{") ? "" : ",";
        return (body + separator + "\"audience\":\"" + audience + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(String pkcs7) {
        String body = pkcs7.replace("-----BEGIN PKCS7-----", "").replace("-----END PKCS7-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? "" : value.asString();
    }

    private static List<X509Certificate> certificates(List<String> configured) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String entry : configured) {
                if (entry == null || entry.isBlank()) {
                    continue;
                }
                String pem = entry.contains("-----BEGIN CERTIFICATE-----") ? entry : Files.readString(Path.of(entry.strip()));
                Matcher each = PEM.matcher(pem);
                while (each.find()) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(each.group().getBytes(StandardCharsets.US_ASCII))));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("osm.registry.identity.certificates holds something that is not an X.509 "
                    + "certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a certificate file of osm.registry.identity.certificates", e);
        }
        return List.copyOf(certificates);
    }

    /**
     * The outcome: a verified instance (id, region, owning account), or why the server counts as a plain one.
     */
    record Verification(boolean verified, String instanceId, String regionId, String accountId, String reason) {

        static Verification unverified(String reason) {
            return new Verification(false, null, null, null, reason);
        }
    }
}
