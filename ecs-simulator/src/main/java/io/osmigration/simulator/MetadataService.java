package io.osmigration.simulator;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The instance metadata service ({@code http://100.100.100.200} on a real instance) of each simulated instance, as
 * the simulator serves it under {@code /metadata/<instanceId>}:
 * <ul>
 * <li>{@code PUT /latest/api/token} with {@code X-aliyun-ecs-metadata-token-ttl-seconds} (1..21600) gives a token
 * that {@code X-aliyun-ecs-metadata-token} then presents (security-hardening mode; ModifyInstanceMetadataOptions
 * {@code HttpTokens}, help.aliyun.com "Instance metadata"). With {@code metadata.httpTokens: required} a GET
 * without a token is refused (403 here; the exact status ECS answers is not confirmed from a public source, so
 * clients must treat any refusal alike), a wrong or expired token gets 401.</li>
 * <li>{@code /latest/meta-data/instance-id}, {@code region-id}, {@code zone-id}, {@code owner-account-id},
 * {@code private-ipv4}, {@code mac}, {@code image-id}, {@code instance/instance-type}.</li>
 * <li>{@code /latest/dynamic/instance-identity/document}: the JSON identity document (fields as ECS prints them:
 * zone-id, serial-number, instance-id, region-id, private-ipv4, owner-account-id, mac, image-id, instance-type), and
 * {@code .../pkcs7[?audience=]}: its signature ({@link IdentitySigner}); with an audience the signed content is the
 * document with {@code "audience":"<value>"} appended as its last field (help.aliyun.com "Use instance
 * identities").</li>
 * <li>{@code /latest/meta-data/ram/security-credentials/[<role>]}: the role's name, then temporary credentials
 * {@code {AccessKeyId, AccessKeySecret, Expiration, SecurityToken, LastUpdated, Code: "Success"}}, as the SDK's
 * {@code ECSMetadataServiceCredentialsFetcher} reads them, renewed when half their lifetime has passed.</li>
 * </ul>
 */
final class MetadataService {

    static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";
    static final String TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";
    static final String OWNER_ACCOUNT_ID = "1190847360293451";
    private static final int MAX_TTL_SECONDS = 21_600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<SimState> state;
    private final Clock clock;
    private final IdentitySigner signer;
    private final TemporaryCredentials credentials;
    private final Supplier<Duration> credentialLifetime;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, TemporaryCredentials.Issued> roleCredentials = new ConcurrentHashMap<>();

    MetadataService(Supplier<SimState> state, Clock clock, IdentitySigner signer, TemporaryCredentials credentials,
                    Supplier<Duration> credentialLifetime) {
        this.state = state;
        this.clock = clock;
        this.signer = signer;
        this.credentials = credentials;
        this.credentialLifetime = credentialLifetime;
    }

    /** One answer of the metadata service. */
    record Answer(int status, String contentType, String body) {
        static Answer text(String body) {
            return new Answer(200, "text/plain", body);
        }

        static Answer error(int status, String body) {
            return new Answer(status, "text/plain", body);
        }
    }

    Answer token(String instanceId, String ttlHeader) {
        Fleet.Instance spec = running(instanceId);
        if (spec == null) {
            return Answer.error(404, "Not Found");
        }
        int ttl;
        try {
            ttl = Integer.parseInt(ttlHeader == null ? "" : ttlHeader.trim());
        } catch (NumberFormatException e) {
            return Answer.error(400, TTL_HEADER + " is required (1-" + MAX_TTL_SECONDS + ")");
        }
        if (ttl < 1 || ttl > MAX_TTL_SECONDS) {
            return Answer.error(400, TTL_HEADER + " must be within 1-" + MAX_TTL_SECONDS);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Token(instanceId, clock.instant().plusSeconds(ttl)));
        return Answer.text(token);
    }

    Answer get(String instanceId, String path, String audience, String token) {
        Fleet.Instance spec = running(instanceId);
        if (spec == null) {
            return Answer.error(404, "Not Found");
        }
        if (token != null) {
            Token known = tokens.get(token);
            if (known == null || !known.instanceId.equals(instanceId) || !clock.instant().isBefore(known.expiresAt)) {
                return Answer.error(401, "Unauthorized");
            }
        } else if (spec.metadata().tokensRequired()) {
            return Answer.error(403, "Forbidden: this instance requires the security-hardening mode (a token)");
        }
        return answer(spec, path, audience);
    }

    private Answer answer(Fleet.Instance spec, String path, String audience) {
        Map<String, String> document = document(spec);
        String ramRole = spec.metadata().ramRole();
        String credentialsPath = "meta-data/ram/security-credentials/";
        return switch (path) {
            case "meta-data/instance-id" -> Answer.text(spec.instanceId());
            case "meta-data/region-id" -> Answer.text(spec.regionId());
            case "meta-data/zone-id" -> Answer.text(document.get("zone-id"));
            case "meta-data/owner-account-id" -> Answer.text(OWNER_ACCOUNT_ID);
            case "meta-data/private-ipv4" -> Answer.text(document.get("private-ipv4"));
            case "meta-data/mac" -> Answer.text(document.get("mac"));
            case "meta-data/image-id" -> Answer.text(document.get("image-id"));
            case "meta-data/instance/instance-type" -> Answer.text(document.get("instance-type"));
            case "meta-data/ram/security-credentials", "meta-data/ram/security-credentials/" ->
                    ramRole == null ? Answer.error(404, "Not Found") : Answer.text(ramRole);
            case "dynamic/instance-identity/document" -> new Answer(200, "text/plain", json(document));
            case "dynamic/instance-identity/pkcs7" -> pkcs7(document, audience);
            default -> path.startsWith(credentialsPath) && ramRole != null
                    && path.substring(credentialsPath.length()).equals(ramRole)
                    ? roleCredentials(spec.instanceId(), ramRole) : Answer.error(404, "Not Found");
        };
    }

    private Answer pkcs7(Map<String, String> document, String audience) {
        if (audience == null) {
            return Answer.text(signer.sign(json(document).getBytes(StandardCharsets.UTF_8)));
        }
        if (audience.length() > 256 || audience.contains("\"") || audience.contains("\\")) {
            return Answer.error(400, "Bad Request: invalid audience");
        }
        Map<String, String> withAudience = new LinkedHashMap<>(document);
        withAudience.put("audience", audience);
        return Answer.text(signer.sign(json(withAudience).getBytes(StandardCharsets.UTF_8)));
    }

    private Answer roleCredentials(String instanceId, String role) {
        Instant now = clock.instant();
        TemporaryCredentials.Issued current = roleCredentials.compute(instanceId + "/" + role, (key, issued) -> {
            if (issued != null) {
                Duration lifetime = Duration.between(issued.issuedAt(), issued.expiration());
                if (now.isBefore(issued.issuedAt().plus(lifetime.dividedBy(2)))) {
                    return issued;
                }
            }
            return credentials.issue("acs:ram::" + OWNER_ACCOUNT_ID + ":role/" + role, instanceId, credentialLifetime.get());
        });
        Map<String, String> body = new LinkedHashMap<>();
        body.put("AccessKeyId", current.accessKeyId());
        body.put("AccessKeySecret", current.accessKeySecret());
        body.put("Expiration", current.expirationText());
        body.put("SecurityToken", current.securityToken());
        body.put("LastUpdated", Times.seconds(current.issuedAt()));
        body.put("Code", "Success");
        return new Answer(200, "application/json", json(body));
    }

    /** Deterministic per instance, so the same instance always describes itself the same way. */
    static Map<String, String> document(Fleet.Instance spec) {
        String hash = sha256Hex("identity:" + spec.instanceId());
        byte[] bytes = HexFormat.of().parseHex(hash.substring(0, 16));
        Map<String, String> document = new LinkedHashMap<>();
        document.put("zone-id", spec.regionId() + "-" + (char) ('a' + Math.floorMod(bytes[0], 6)));
        document.put("serial-number", hash.substring(0, 8) + "-" + hash.substring(8, 12) + "-" + hash.substring(12, 16)
                + "-" + hash.substring(16, 20) + "-" + hash.substring(20, 32));
        document.put("instance-id", spec.instanceId());
        document.put("region-id", spec.regionId());
        document.put("private-ipv4", "172.16." + (bytes[1] & 0xff) + "." + Math.max(1, bytes[2] & 0xfe));
        document.put("owner-account-id", OWNER_ACCOUNT_ID);
        document.put("mac", String.format("00:16:3e:%02x:%02x:%02x", bytes[3] & 0xff, bytes[4] & 0xff, bytes[5] & 0xff));
        document.put("image-id", spec.osRelease().getOrDefault("ID", "linux") + "_"
                + spec.osRelease().getOrDefault("VERSION_ID", "").replace('.', '_') + "_x64_20G_alibase_20240314.vhd");
        document.put("instance-type", spec.memoryMiB() >= 8192 ? "ecs.g7.large" : "ecs.c7.large");
        return document;
    }

    /** Compact JSON of string fields, in order (the signed bytes must be exactly what the document endpoint gave). */
    static String json(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append('"').append(key).append("\":\"").append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        });
        return out.append('}').toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Fleet.Instance running(String instanceId) {
        try {
            SimInstance instance = state.get().instance(instanceId, null);
            return "Running".equals(instance.status()) ? instance.spec : null;
        } catch (EcsException e) {
            return null;
        }
    }

    private record Token(String instanceId, Instant expiresAt) {
    }
}
