package io.osmigration.simulator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs instance identity documents like ECS's metadata service does: a PKCS#7 (CMS SignedData) signature that a
 * server checks with {@code openssl smime -verify -in <pkcs7> -inform PEM -content <document> -certfile <cert>
 * -noverify} (help.aliyun.com, "Use instance identities"), i.e. a detached signature whose signer is identified by
 * the published certificate, which the signature itself does not carry. The simulator's certificate is a test CA made
 * at start (RSA 2048, SHA-256), served at {@code /_sim/metadata/identity-certificate.pem} so tests and the all-in-one
 * run can trust it.
 */
final class IdentitySigner {

    private final KeyPair keys;
    private final X509Certificate certificate;

    IdentitySigner() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=osmigration ECS simulator instance identity (test CA), O=osmigration");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name,
                    keys.getPublic());
            X509CertificateHolder holder = builder.build(signer());
            this.certificate = new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Cannot make the simulator's identity certificate", e);
        }
    }

    /** Base64 of the DER CMS SignedData over {@code content}, detached, as the {@code pkcs7} endpoint serves it. */
    String sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build()).build(signer(), certificate));
            byte[] der = generator.generate(new CMSProcessableByteArray(content), false).getEncoded();
            return Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cms.CMSException | IOException e) {
            throw new IllegalStateException("Cannot sign an identity document", e);
        }
    }

    String certificatePem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private ContentSigner signer() throws org.bouncycastle.operator.OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
    }
}
