package io.osmigration.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every API call received, newest last, bounded so a long soak test cannot exhaust memory. Also the
 * one place that logs calls, so the rule "never log Signature or AccessKeyId" lives here.
 */
final class CallLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.osmigration.simulator.calls");
    private static final int MAX_STORED_VALUE = 8192;
    private static final int MAX_LOGGED_VALUE = 120;
    // Protocol parameters every call carries; left out of the log line to keep it readable.
    private static final Set<String> NOT_LOGGED = Set.of("Action", "Format", "Version", "SignatureMethod",
            "SignatureNonce", "SignatureVersion", "Timestamp");

    private final int capacity;
    private final Deque<ApiCall> calls = new ArrayDeque<>();

    CallLog(int capacity) {
        this.capacity = capacity;
    }

    void record(ApiCall call) {
        synchronized (calls) {
            calls.addLast(call);
            while (calls.size() > capacity) {
                calls.removeFirst();
            }
        }
        LOG.info("ECS {} -> {}{} instances={} params={}", call.action(), call.httpStatus(),
                call.errorCode() == null ? "" : " " + call.errorCode(), call.instanceIds(), abbreviate(loggable(call.params()), MAX_LOGGED_VALUE));
    }

    /** Calls filtered by action and/or instance id (either may be null). */
    List<ApiCall> find(String action, String instanceId) {
        List<ApiCall> result = new ArrayList<>();
        synchronized (calls) {
            for (ApiCall c : calls) {
                if ((action == null || action.equals(c.action())) && (instanceId == null || c.instanceIds().contains(instanceId))) {
                    result.add(c);
                }
            }
        }
        return result;
    }

    /** Epoch second -> number of calls, for one action or all (null). */
    java.util.SortedMap<Long, Integer> perSecond(String action) {
        java.util.TreeMap<Long, Integer> out = new java.util.TreeMap<>();
        synchronized (calls) {
            for (ApiCall c : calls) {
                if (action == null || action.equals(c.action())) {
                    out.merge(c.time().getEpochSecond(), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }

    // Script bodies may carry anything (tokens included): the log line only says how long they are.
    private static Map<String, String> loggable(Map<String, String> params) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.keySet().removeAll(NOT_LOGGED);
        m.replaceAll((k, v) -> ("CommandContent".equals(k) || "Parameters".equals(k)) && v != null ? "<" + v.length() + " chars>" : v);
        return m;
    }

    /** The parameters worth keeping: no credentials, no signature, long values shortened. */
    static Map<String, String> redact(Map<String, String> params) {
        Map<String, String> kept = new LinkedHashMap<>();
        params.entrySet().stream()
                .filter(e -> !"Signature".equals(e.getKey()) && !"AccessKeyId".equals(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                // An STS token is a credential: the log shows that the call carried one, not the token.
                .forEach(e -> kept.put(e.getKey(), "SecurityToken".equals(e.getKey()) ? "***" : e.getValue()));
        return abbreviate(kept, MAX_STORED_VALUE);
    }

    private static Map<String, String> abbreviate(Map<String, String> params, int max) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v != null && v.length() > max
                ? v.substring(0, max) + "...(" + (v.length() - max) + " more chars)" : v));
        return out;
    }
}
