package io.osmigration.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STS tokens the simulator hands out, through an instance's RAM role (metadata service) or AssumeRole, and the
 * check of OpenAPI calls signed with them: the {@code AccessKeyId} must be one we issued, the call must carry its
 * {@code SecurityToken}, and it must not have expired. Error codes as Alibaba Cloud's common errors name them
 * ({@code InvalidSecurityToken.Expired}, {@code .MismatchWithAccessKey}, {@code .Malformed}); exact messages not
 * confirmed from a public source.
 */
final class TemporaryCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, Issued> byKeyId = new ConcurrentHashMap<>();

    TemporaryCredentials(Clock clock) {
        this.clock = clock;
    }

    Issued issue(String roleArn, String sessionName, java.time.Duration lifetime) {
        Instant now = clock.instant();
        Issued issued = new Issued("STS." + random(20), random(30), "CAIS" + random(90), roleArn, sessionName, now,
                now.plus(lifetime));
        byKeyId.put(issued.accessKeyId(), issued);
        return issued;
    }

    boolean knows(String accessKeyId) {
        return byKeyId.containsKey(accessKeyId);
    }

    /** The secret that signs calls with this key id, once its security token has been checked. */
    String secretFor(String accessKeyId, String securityToken) {
        Issued issued = byKeyId.get(accessKeyId);
        if (issued == null) {
            throw new EcsException(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        if (securityToken == null || securityToken.isEmpty()) {
            throw new EcsException(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
        }
        if (!issued.securityToken().equals(securityToken)) {
            throw new EcsException(400, "InvalidSecurityToken.MismatchWithAccessKey",
                    "Specified SecurityToken mismatch with the AccessKey.");
        }
        if (!clock.instant().isBefore(issued.expiration())) {
            throw new EcsException(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
        }
        return issued.accessKeySecret();
    }

    void clear() {
        byKeyId.clear();
    }

    private static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length).replace('-', 'x')
                .replace('_', 'y');
    }

    /** One STS token. {@code expiration} as ECS prints it: {@code yyyy-MM-ddTHH:mm:ssZ}. */
    record Issued(String accessKeyId, String accessKeySecret, String securityToken, String roleArn, String sessionName,
                  Instant issuedAt, Instant expiration) {

        String expirationText() {
            return Times.seconds(expiration);
        }
    }
}
