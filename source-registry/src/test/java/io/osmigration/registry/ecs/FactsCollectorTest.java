package io.osmigration.registry.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse.Invocation.InvocationResult;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;
import com.aliyuncs.ecs.model.v20140526.RunCommandResponse;

import io.osmigration.platform.cloud.AliyunProperties;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.registry.RegistryProperties;
import io.osmigration.registry.ecs.domain.CollectionOutcome;

/** The collector's waiting and reading, against canned ECS answers. */
class FactsCollectorTest {

    private static final String OUTPUT = "==osm:os-release==\nID=\"rhel\"\nVERSION_ID=\"8.6\"\n==osm:kernel==\n"
            + "4.18.0-372.9.1.el8.x86_64\n==osm:end==\n";

    @Test
    void readsEachInstancesOutputOnceItFinished() {
        CannedEcs ecs = new CannedEcs(Map.of("i-1", "Success", "i-2", "Failed"), 2);
        Map<String, CollectionOutcome> outcomes = collector(ecs, Duration.ofSeconds(5)).collect("cn-hangzhou",
                List.of("i-2", "i-1"));
        assertThat(outcomes.get("i-1").facts().osId()).isEqualTo("rhel");
        assertThat(outcomes.get("i-1").facts().kernel()).isEqualTo("4.18.0-372.9.1.el8.x86_64");
        assertThat(outcomes.get("i-2").problem()).contains("Failed");
        RunCommandRequest run = ecs.runCommands.get(0);
        assertThat(run.getInstanceIds()).containsExactly("i-1", "i-2");
        assertThat(run.getContentEncoding()).isEqualTo("Base64");
        assertThat(run.getType()).isEqualTo("RunShellScript");
        assertThat(new String(Base64.getDecoder().decode(run.getCommandContent()), StandardCharsets.UTF_8))
                .contains("section os-release");
        assertThat(run.getClientToken()).startsWith("osm-facts-");
    }

    @Test
    void givesUpAfterTheTimeoutWithTheReason() {
        CannedEcs ecs = new CannedEcs(Map.of("i-1", "Success"), Integer.MAX_VALUE);
        Map<String, CollectionOutcome> outcomes = collector(ecs, Duration.ofMillis(300)).collect("cn-hangzhou",
                List.of("i-1"));
        assertThat(outcomes.get("i-1").succeeded()).isFalse();
        assertThat(outcomes.get("i-1").problem()).contains("did not finish within PT0.3S");
    }

    private static FactsCollector collector(EcsGateway ecs, Duration timeout) {
        RegistryProperties properties = new RegistryProperties("", 100, 50, 50, timeout, Duration.ofMillis(20),
                Duration.ofMinutes(1), Duration.ofMinutes(15), 10, Duration.ofMinutes(10));
        return new FactsCollector(ecs, properties, Clock.systemUTC());
    }

    /** Answers RunCommand, then "Running" for {@code runningPolls} polls, then the given final statuses. */
    static final class CannedEcs extends EcsGateway {
        private final Map<String, String> finalStatus;
        private int runningPolls;
        final List<RunCommandRequest> runCommands = new ArrayList<>();

        CannedEcs(Map<String, String> finalStatus, int runningPolls) {
            super(new AliyunProperties("127.0.0.1:9", "HTTP", "cn-hangzhou", "id", "secret", 50, 1,
                    Duration.ofMillis(10), Duration.ofSeconds(1)));
            this.finalStatus = finalStatus;
            this.runningPolls = runningPolls;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T extends AcsResponse> T call(AcsRequest<T> request) {
            if (request instanceof RunCommandRequest run) {
                runCommands.add(run);
                RunCommandResponse response = new RunCommandResponse();
                response.setInvokeId("t-1");
                return (T) response;
            }
            boolean running = runningPolls-- > 0;
            List<InvocationResult> results = new ArrayList<>();
            finalStatus.forEach((instanceId, status) -> {
                InvocationResult result = new InvocationResult();
                result.setInstanceId(instanceId);
                result.setInvocationStatus(running ? "Running" : status);
                result.setOutput(Base64.getEncoder().encodeToString(OUTPUT.getBytes(StandardCharsets.UTF_8)));
                results.add(result);
            });
            DescribeInvocationResultsResponse.Invocation invocation = new DescribeInvocationResultsResponse.Invocation();
            invocation.setInvocationResults(results);
            invocation.setTotalCount((long) results.size());
            DescribeInvocationResultsResponse response = new DescribeInvocationResultsResponse();
            response.setInvocation(invocation);
            return (T) response;
        }
    }
}
