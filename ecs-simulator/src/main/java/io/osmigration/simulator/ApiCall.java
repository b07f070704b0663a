package io.osmigration.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A recorded API call, for tests and operators ({@code GET /_sim/calls}). Parameters exclude
 * {@code Signature} and {@code AccessKeyId}; very long values are shortened.
 *
 * @param time        when the call arrived (the moment the simulator's rate limit counts it at)
 * @param instanceIds the instances the call concerned (from InstanceId, InstanceId.N, InstanceIds, DiskId)
 * @param errorCode   ECS error code, or {@code null} for a successful call
 */
public record ApiCall(Instant time, String requestId, String action, Map<String, String> params, int httpStatus,
                      String errorCode, List<String> instanceIds) {
}
