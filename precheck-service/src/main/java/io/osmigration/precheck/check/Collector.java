package io.osmigration.precheck.check;

import java.util.List;

import io.osmigration.platform.cloud.assistant.Invocation;

/**
 * The fact collector of a check as stored with it: the RunCommand it is part of (one invocation may serve the checks
 * of many instances), written before the command is sent, and the invocation ECS started, written once it answered.
 * A replica that takes the check over polls the stored invocation, or, when only the request was stored, sends the
 * very same request again (same ClientToken, same instances): ECS answers with the invocation it started, so the
 * collector never runs twice.
 *
 * @param clientToken RunCommand's idempotency token: {@code osm-<precheckId>} for a check on its own, a digest of
 *                    the precheck ids for a shared invocation
 * @param instanceIds every instance of the RunCommand, in the order it was sent
 * @param invocation  null until ECS answered
 */
record Collector(String clientToken, String regionId, List<String> instanceIds, Invocation invocation) {

    Collector {
        instanceIds = List.copyOf(instanceIds);
    }

    boolean started() {
        return invocation != null;
    }

    Collector startedAs(Invocation started) {
        return new Collector(clientToken, regionId, instanceIds, started);
    }
}
