package io.osmigration.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS (API version 2015-04-01) {@code AssumeRole}, served on the simulator's OpenAPI endpoint beside ECS so that a
 * client configured with an STS endpoint can assume a role: RoleArn {@code acs:ram::<account>:role/<name>} (any
 * well-formed one is accepted: the simulator keeps no RAM), RoleSessionName (2-64 of {@code [\w.@-]}),
 * DurationSeconds 900..3600 (default 3600; the simulator shortens it to {@code osm.simulator.credential-lifetime}
 * when that is shorter, so tests see credentials expire). Answer shape as STS documents it:
 * {@code {AssumedRoleUser: {Arn, AssumedRoleId}, Credentials: {AccessKeyId, AccessKeySecret, SecurityToken,
 * Expiration}}}, which the SDK's {@code AssumeRoleResponseUnmarshaller} reads.
 */
final class StsActions {

    static final String VERSION = "2015-04-01";
    private static final Pattern ROLE_ARN = Pattern.compile("acs:ram::(\\d+):role/([A-Za-z0-9.@_-]{1,64})");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w.@-]{2,64}");

    private final TemporaryCredentials credentials;
    private final java.util.function.Supplier<Duration> cap;

    StsActions(TemporaryCredentials credentials, java.util.function.Supplier<Duration> cap) {
        this.credentials = credentials;
        this.cap = cap;
    }

    static boolean handles(Params p) {
        return "AssumeRole".equals(p.optional("Action")) && VERSION.equals(p.optional("Version"));
    }

    Map<String, Object> assumeRole(Params p) {
        String roleArn = p.required("RoleArn");
        var arn = ROLE_ARN.matcher(roleArn);
        if (!arn.matches()) {
            throw new EcsException(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
        }
        String session = p.required("RoleSessionName");
        if (!SESSION_NAME.matcher(session).matches()) {
            throw new EcsException(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(p.optional("DurationSeconds", "3600"));
        } catch (NumberFormatException e) {
            throw new EcsException(400, "InvalidParameter.DurationSeconds", "The parameter DurationSeconds is wrongly formed.");
        }
        if (seconds < 900 || seconds > 3600) {
            throw new EcsException(400, "InvalidParameter.DurationSeconds",
                    "The Min/Max value of DurationSeconds is 15min/1hr.");
        }
        Duration lifetime = Duration.ofSeconds(seconds);
        if (cap.get().compareTo(lifetime) < 0) {
            lifetime = cap.get();
        }
        TemporaryCredentials.Issued issued = credentials.issue(roleArn, session, lifetime);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("AssumedRoleId", "3" + arn.group(1).substring(0, Math.min(14, arn.group(1).length())) + ":" + session);
        user.put("Arn", "acs:ram::" + arn.group(1) + ":role/" + arn.group(2).toLowerCase() + "/" + session);
        Map<String, Object> creds = new LinkedHashMap<>();
        creds.put("SecurityToken", issued.securityToken());
        creds.put("Expiration", issued.expirationText());
        creds.put("AccessKeySecret", issued.accessKeySecret());
        creds.put("AccessKeyId", issued.accessKeyId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AssumedRoleUser", user);
        body.put("Credentials", creds);
        return body;
    }
}
