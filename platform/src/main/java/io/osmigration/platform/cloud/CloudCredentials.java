package io.osmigration.platform.cloud;

import java.time.Clock;

import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.StaticCredentialsProvider;

/**
 * What signs ECS calls, from {@code osm.aliyun.credentials.type}: a long-lived AccessKey pair, the ECS instance's RAM
 * role, or an STS-assumed role (signed itself by an AccessKey pair or the instance's role). Temporary credentials are
 * renewed {@code refresh-before} their expiry.
 */
public final class CloudCredentials {

    private CloudCredentials() {
    }

    public static AlibabaCloudCredentialsProvider provider(AliyunProperties aliyun, CredentialsProperties credentials,
                                                           Clock clock) {
        return switch (credentials.type()) {
            case "ecs-ram-role" -> ramRole(credentials, clock);
            case "sts-assume-role" -> {
                if (credentials.roleArn().isBlank()) {
                    throw new IllegalArgumentException("osm.aliyun.credentials.role-arn is required for sts-assume-role");
                }
                AlibabaCloudCredentialsProvider source = "ecs-ram-role".equals(credentials.source())
                        ? ramRole(credentials, clock) : accessKey(aliyun);
                yield new RefreshingCredentialsProvider(new StsAssumeRoleCredentials(credentials, aliyun.regionId(), source),
                        credentials.refreshBefore(), clock);
            }
            default -> accessKey(aliyun);
        };
    }

    private static AlibabaCloudCredentialsProvider ramRole(CredentialsProperties credentials, Clock clock) {
        return new RefreshingCredentialsProvider(new EcsRamRoleCredentials(credentials.metadataUrl(),
                credentials.ramRoleName()), credentials.refreshBefore(), clock);
    }

    private static AlibabaCloudCredentialsProvider accessKey(AliyunProperties aliyun) {
        return new StaticCredentialsProvider(new BasicCredentials(aliyun.accessKeyId(), aliyun.accessKeySecret()));
    }
}
