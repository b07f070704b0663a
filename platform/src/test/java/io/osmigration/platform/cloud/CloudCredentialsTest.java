package io.osmigration.platform.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.exceptions.ClientException;

import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulatorServer;

/**
 * ECS calls signed with temporary credentials, against the simulator: its metadata service (hardened mode) serves the
 * instance's RAM role credentials and its OpenAPI endpoint answers STS AssumeRole; it checks that each call is signed
 * with the temporary secret and carries the matching security token, unexpired. Credentials live 4 s here, so the
 * tests watch them being renewed.
 */
class CloudCredentialsTest {

    private static final String KEY_ID = "LTAIosmDemoKey0001";
    private static final String SECRET = "osm-demo-secret-not-for-production";
    private static final String HOST = "i-osmcontrol0000000001";
    private static final String ROLE_ARN = "acs:ram::1190847360293451:role/osmigration";

    private static EcsSimulatorServer simulator;

    @BeforeAll
    static void startSimulator() throws IOException {
        Path dir = Files.createTempDirectory("osm-credentials-");
        Path fleet = dir.resolve("fleet.json");
        Files.writeString(fleet, """
                {"accessKeyId": "%s", "accessKeySecret": "%s", "instances": [
                  {"instanceId": "%s", "instanceName": "osmigration-host",
                   "metadata": {"httpTokens": "required", "ramRole": "OsmMigrationRole"}},
                  {"instanceId": "i-bp1target000000001"}]}""".formatted(KEY_ID, SECRET, HOST));
        simulator = EcsSimulatorServer.start(0, fleet, dir.resolve("roots"), "osm.simulator.credential-lifetime=PT4S");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void theInstancesRamRoleSignsCallsAndIsRenewedBeforeItExpires() throws Exception {
        CredentialsProperties ramRole = new CredentialsProperties("ecs-ram-role", "", metadataUrl(), "", "osmigration",
                Duration.ofHours(1), "sts.aliyuncs.com", "HTTPS", "access-key", Duration.ofSeconds(3));
        AlibabaCloudCredentialsProvider provider = CloudCredentials.provider(aliyun("", ""), ramRole, Clock.systemUTC());
        EcsGateway gateway = new EcsGateway(aliyun("", ""), provider);

        assertThat(gateway.call(new DescribeInstancesRequest()).getInstances()).hasSize(2);
        assertThat(lastDescribe().params()).containsEntry("SecurityToken", "***");
        assertRenewed(provider, gateway);
    }

    @Test
    void anAssumedRoleSignsCallsAndIsRenewedBeforeItExpires() throws Exception {
        CredentialsProperties sts = new CredentialsProperties("sts-assume-role", "", metadataUrl(), ROLE_ARN,
                "osm-test", Duration.ofMinutes(15), simulator.endpoint(), "HTTP", "access-key", Duration.ofSeconds(3));
        AlibabaCloudCredentialsProvider provider = CloudCredentials.provider(aliyun(KEY_ID, SECRET), sts, Clock.systemUTC());
        EcsGateway gateway = new EcsGateway(aliyun(KEY_ID, SECRET), provider);

        assertThat(gateway.call(new DescribeInstancesRequest()).getInstances()).hasSize(2);
        assertThat(simulator.engine().calls("AssumeRole", null)).last().satisfies(call -> {
            assertThat(call.params()).containsEntry("RoleArn", ROLE_ARN).containsEntry("RoleSessionName", "osm-test")
                    .containsEntry("Version", "2015-04-01");
            assertThat(call.errorCode()).isNull();
        });
        assertRenewed(provider, gateway);
    }

    @Test
    void theSimulatorRefusesATemporaryKeyWithoutItsTokenWithAnotherTokenOrAfterItExpired() throws Exception {
        CredentialsProperties sts = new CredentialsProperties("sts-assume-role", "", metadataUrl(), ROLE_ARN,
                "osm-test", Duration.ofMinutes(15), simulator.endpoint(), "HTTP", "access-key", Duration.ofSeconds(3));
        BasicSessionCredentials issued = (BasicSessionCredentials) CloudCredentials
                .provider(aliyun(KEY_ID, SECRET), sts, Clock.systemUTC()).getCredentials();
        assertThat(issued.getAccessKeyId()).startsWith("STS.");

        assertThat(codeOf(new BasicSessionCredentials(issued.getAccessKeyId(), issued.getAccessKeySecret(), "CAISforged")))
                .isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");
        assertThat(codeOf(new com.aliyuncs.auth.BasicCredentials(issued.getAccessKeyId(), issued.getAccessKeySecret())))
                .isEqualTo("InvalidSecurityToken.Malformed");
        assertThat(codeOf(new BasicSessionCredentials(issued.getAccessKeyId(), "wrong-secret", issued.getSessionToken())))
                .isEqualTo("SignatureDoesNotMatch");
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> "InvalidSecurityToken.Expired".equals(codeOf(issued)));
    }

    @Test
    void anUnknownRoleGetsNoCredentialsAndTheCallFailsClearly() {
        CredentialsProperties wrongRole = new CredentialsProperties("ecs-ram-role", "NotTheRole", metadataUrl(), "",
                "osmigration", Duration.ofHours(1), "sts.aliyuncs.com", "HTTPS", "access-key", Duration.ofSeconds(3));
        EcsGateway gateway = new EcsGateway(aliyun("", ""), CloudCredentials.provider(aliyun("", ""), wrongRole,
                Clock.systemUTC()));
        assertThatThrownBy(() -> gateway.call(new DescribeInstancesRequest())).isInstanceOf(CloudApiException.class)
                .hasMessageContaining("SDK.CredentialsUnavailable").hasMessageContaining("HTTP 404");
    }

    /** Calls go on across an expiry: the provider renews the credentials and the new ones are accepted too. */
    private static void assertRenewed(AlibabaCloudCredentialsProvider provider, EcsGateway gateway) throws Exception {
        Set<String> keyIds = new HashSet<>();
        keyIds.add(provider.getCredentials().getAccessKeyId());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            assertThat(gateway.call(new DescribeInstancesRequest()).getInstances()).hasSize(2);
            keyIds.add(provider.getCredentials().getAccessKeyId());
            return keyIds.size() >= 3;
        });
        assertThat(keyIds).allSatisfy(id -> assertThat(id).startsWith("STS."));
        assertThat(simulator.engine().calls("DescribeInstances", null)).extracting(ApiCall::errorCode)
                .doesNotContain("InvalidSecurityToken.Expired");
    }

    private static String codeOf(AlibabaCloudCredentials credentials) {
        try {
            new EcsGateway(aliyun("", ""), new StaticCredentialsProvider(credentials)).call(new DescribeInstancesRequest());
            return null;
        } catch (CloudApiException e) {
            return e.code();
        }
    }

    private static ApiCall lastDescribe() {
        List<ApiCall> calls = simulator.engine().calls("DescribeInstances", null);
        return calls.get(calls.size() - 1);
    }

    private static String metadataUrl() {
        return "http://127.0.0.1:" + simulator.port() + "/metadata/" + HOST;
    }

    private static AliyunProperties aliyun(String keyId, String secret) {
        return new AliyunProperties(simulator.endpoint(), "HTTP", "cn-hangzhou", keyId, secret, 200, 1,
                Duration.ofMillis(10), Duration.ofSeconds(5));
    }
}
