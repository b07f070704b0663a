package io.osmigration.platform.cloud;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code osm.aliyun.credentials.*}: what signs the ECS calls.
 *
 * @param type            {@code access-key} (the {@code osm.aliyun.access-key-id}/{@code -secret} pair),
 *                        {@code ecs-ram-role} (the RAM role of the ECS instance osmigration runs on, from its metadata
 *                        service) or {@code sts-assume-role} (a role assumed through STS AssumeRole)
 * @param ramRoleName     the instance's RAM role; blank: the one role the metadata service lists
 * @param metadataUrl     the instance metadata service (the simulator serves one per instance under
 *                        {@code /metadata/<instanceId>})
 * @param roleArn         {@code acs:ram::<account>:role/<name>} for sts-assume-role
 * @param roleSessionName the session name STS records (2-64 of letters, digits, {@code . @ _ -})
 * @param duration        how long assumed-role credentials last (STS: 15 min to the role's maximum, 1 h by default)
 * @param stsEndpoint     STS host[:port]: {@code sts.aliyuncs.com}, a regional {@code sts.<region>.aliyuncs.com}, or
 *                        the simulator
 * @param stsProtocol     HTTPS; HTTP only for the simulator
 * @param source          what signs the AssumeRole call: {@code access-key} or {@code ecs-ram-role}
 * @param refreshBefore   temporary credentials are renewed when less than this is left of them
 */
@Validated
@ConfigurationProperties("osm.aliyun.credentials")
public record CredentialsProperties(
        @DefaultValue("access-key") @Pattern(regexp = "access-key|ecs-ram-role|sts-assume-role") String type,
        @DefaultValue("") String ramRoleName,
        @DefaultValue("http://100.100.100.200") @NotBlank String metadataUrl,
        @DefaultValue("") String roleArn,
        @DefaultValue("osmigration") @Pattern(regexp = "[\\w.@-]{2,64}") String roleSessionName,
        @DefaultValue("1h") @NotNull Duration duration,
        @DefaultValue("sts.aliyuncs.com") @NotBlank String stsEndpoint,
        @DefaultValue("HTTPS") @Pattern(regexp = "HTTPS?") String stsProtocol,
        @DefaultValue("access-key") @Pattern(regexp = "access-key|ecs-ram-role") String source,
        @DefaultValue("5m") @NotNull Duration refreshBefore) {

    public static CredentialsProperties accessKey() {
        return new CredentialsProperties("access-key", "", "http://100.100.100.200", "", "osmigration",
                Duration.ofHours(1), "sts.aliyuncs.com", "HTTPS", "access-key", Duration.ofMinutes(5));
    }
}
