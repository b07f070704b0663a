package io.osmigration.platform.cloud;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.sts.AssumeRoleRequest;
import com.aliyuncs.auth.sts.AssumeRoleResponse;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;

/**
 * Credentials of an assumed RAM role: the SDK's own {@code AssumeRoleRequest} (STS 2015-04-01), signed by the source
 * credentials (an AccessKey pair, or the instance's RAM role), sent to the configured STS endpoint. Our own rather
 * than the SDK's {@code STSAssumeRoleSessionCredentialsProvider} because that one always sets the endpoint to
 * {@code sts[.<region>].aliyuncs.com} on the request, so it cannot be pointed at a VPC endpoint of one's choice or
 * at the simulator, and renews from its own duration guess rather than the Expiration STS returns.
 */
final class StsAssumeRoleCredentials implements RefreshingCredentialsProvider.Fetcher {

    private final IAcsClient sts;
    private final CredentialsProperties properties;
    private final String regionId;

    StsAssumeRoleCredentials(CredentialsProperties properties, String regionId, AlibabaCloudCredentialsProvider source) {
        this.properties = properties;
        this.regionId = regionId;
        this.sts = new DefaultAcsClient(DefaultProfile.getProfile(regionId), source);
    }

    @Override
    public TemporaryCredentials fetch() throws ClientException {
        AssumeRoleRequest request = new AssumeRoleRequest();
        request.setSysEndpoint(properties.stsEndpoint());
        request.setSysProtocol(ProtocolType.valueOf(properties.stsProtocol()));
        request.setSysRegionId(regionId);
        request.setRoleArn(properties.roleArn());
        request.setRoleSessionName(properties.roleSessionName());
        request.setDurationSeconds(properties.duration().toSeconds());
        AssumeRoleResponse.Credentials credentials = sts.getAcsResponse(request).getCredentials();
        try {
            return new TemporaryCredentials(new BasicSessionCredentials(credentials.getAccessKeyId(),
                    credentials.getAccessKeySecret(), credentials.getSecurityToken()),
                    Instant.parse(credentials.getExpiration()));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ClientException("SDK.CredentialsUnavailable", "STS answered without a readable Expiration");
        }
    }

    @Override
    public String describe() {
        return "STS AssumeRole of " + properties.roleArn() + " at " + properties.stsEndpoint();
    }
}
