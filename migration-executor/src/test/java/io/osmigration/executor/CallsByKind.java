package io.osmigration.executor;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import io.osmigration.simulator.ApiCall;

/**
 * The simulator's call log in kinds a reader of the calls-per-job figures needs: shared reads (naming several
 * instances, or listing the account's running invocations) apart from reads for one instance, and a RunCommand by
 * the command's name (a step, or a chunk of a large result read back).
 */
final class CallsByKind {

    private CallsByKind() {
    }

    static Map<String, Long> of(Collection<ApiCall> calls) {
        Map<String, Long> kinds = new TreeMap<>();
        calls.forEach(call -> kinds.merge(kind(call), 1L, Long::sum));
        return kinds;
    }

    static String kind(ApiCall call) {
        Map<String, String> params = call.params();
        return switch (call.action()) {
            case "RunCommand" -> "RunCommand " + params.getOrDefault("Name", "?");
            case "DescribeInvocationResults" -> params.containsKey("InvokeId")
                    ? "DescribeInvocationResults by InvokeId" : "DescribeInvocationResults listing";
            case "DescribeInstances", "DescribeCloudAssistantStatus" -> call.action()
                    + (call.instanceIds().size() > 1 ? " shared" : " one instance");
            default -> call.action();
        };
    }
}
