package io.osmigration.simulator;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;

/** The real aliyun SDK pointed at a simulator on 127.0.0.1 (never off loopback). */
final class SdkSupport implements AutoCloseable {

    private final String endpoint;
    private final DefaultAcsClient client;

    SdkSupport(String endpoint, String keyId, String secret) {
        this.endpoint = endpoint;
        this.client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", keyId, secret));
    }

    <T extends AcsResponse> T call(AcsRequest<T> request) throws ClientException {
        request.setSysEndpoint(endpoint);
        request.setSysProtocol(ProtocolType.HTTP);
        return client.getAcsResponse(request);
    }

    DescribeInstancesResponse.Instance instance(String id) throws ClientException {
        DescribeInstancesRequest req = new DescribeInstancesRequest();
        req.setInstanceIds("[\"" + id + "\"]");
        return call(req).getInstances().get(0);
    }

    String runCommand(String instanceId, String script, String clientToken) throws ClientException {
        RunCommandRequest req = new RunCommandRequest();
        req.setInstanceIds(List.of(instanceId));
        req.setType("RunShellScript");
        req.setCommandContent(Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)));
        req.setContentEncoding("Base64");
        req.setTimeout(60L);
        req.setName("osm-test");
        if (clientToken != null) {
            req.setClientToken(clientToken);
        }
        return call(req).getInvokeId();
    }

    DescribeInvocationResultsResponse.Invocation.InvocationResult awaitResult(String invokeId, String instanceId) {
        AtomicReference<DescribeInvocationResultsResponse.Invocation.InvocationResult> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            DescribeInvocationResultsRequest req = new DescribeInvocationResultsRequest();
            req.setInvokeId(invokeId);
            req.setInstanceId(instanceId);
            last.set(call(req).getInvocation().getInvocationResults().get(0));
            return !"Running".equals(last.get().getInvokeRecordStatus());
        });
        return last.get();
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
