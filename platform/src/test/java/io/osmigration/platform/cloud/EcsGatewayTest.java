package io.osmigration.platform.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;

import io.osmigration.simulator.EcsSimulatorServer;

/** The gateway against the ECS simulator, through the real SDK and real signed HTTP requests. */
class EcsGatewayTest {

    private static final String KEY_ID = "LTAIosmDemoKey0001";
    private static final String SECRET = "osm-demo-secret-not-for-production";

    private static EcsSimulatorServer simulator;

    @BeforeAll
    static void startSimulator() {
        simulator = EcsSimulatorServer.start(0, null, null);
    }

    @AfterAll
    static void stopSimulator() {
        simulator.close();
    }

    @Test
    void describesTheFleetWithAProperlySignedRequest() {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setPageSize(100);
        DescribeInstancesResponse response = gateway(SECRET).call(request);

        assertThat(response.getInstances()).isNotEmpty();
        assertThat(response.getTotalCount()).isEqualTo(response.getInstances().size());
    }

    @Test
    void aWrongSecretIsRefusedAndSurfacesAsAClearErrorWithoutTheSecretOrSignedUrl() {
        assertThatThrownBy(() -> gateway("not-the-secret").call(new DescribeInstancesRequest()))
                .isInstanceOfSatisfying(CloudApiException.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.action()).isEqualTo("DescribeInstances");
                    assertThat(e.isRetryable()).isFalse();
                })
                .hasMessageStartingWith("DescribeInstances failed: SignatureDoesNotMatch")
                .hasMessageNotContaining("not-the-secret")
                .hasMessageNotContaining("Signature=");
    }

    @Test
    void anUnknownAccessKeyIsReportedAsSuch() {
        AliyunProperties unknown = new AliyunProperties("127.0.0.1:" + simulator.port(), "HTTP", "cn-hangzhou",
                "LTAIunknown", SECRET, 50, 1, Duration.ofMillis(10), Duration.ofSeconds(5));

        assertThatThrownBy(() -> new EcsGateway(unknown).call(new DescribeInstancesRequest()))
                .isInstanceOfSatisfying(CloudApiException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidAccessKeyId.NotFound"));
    }

    @Test
    void anUnreachableEndpointNamesTheEndpointButNotTheSignedUrl() {
        AliyunProperties nowhere = new AliyunProperties("127.0.0.1:1", "HTTP", "cn-hangzhou", KEY_ID, SECRET, 50, 1,
                Duration.ofMillis(10), Duration.ofSeconds(2));

        assertThatThrownBy(() -> new EcsGateway(nowhere).call(new DescribeInstancesRequest()))
                .isInstanceOf(CloudApiException.class)
                .hasMessageContaining("cannot reach the ECS endpoint 127.0.0.1:1")
                .hasMessageNotContaining(KEY_ID)
                .hasMessageNotContaining("Signature");
    }

    private static EcsGateway gateway(String secret) {
        return new EcsGateway(new AliyunProperties("127.0.0.1:" + simulator.port(), "HTTP", "cn-hangzhou", KEY_ID,
                secret, 50, 3, Duration.ofMillis(10), Duration.ofSeconds(5)));
    }
}
