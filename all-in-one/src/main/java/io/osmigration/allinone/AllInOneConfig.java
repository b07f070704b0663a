package io.osmigration.allinone;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the all-in-one run listens and keeps its state. {@link #defaults(Path)} gives the contract's fixed ports;
 * tests use {@link #withFreePorts(Path)} so they can run beside a developer's own all-in-one.
 */
public record AllInOneConfig(Path dataDir, boolean fixedInfrastructurePorts, Map<String, Integer> servicePorts,
                             int simulatorPort) {

    public static final String SOURCE_REGISTRY = "source-registry";
    public static final String PRECHECK = "precheck-service";
    public static final String SNAPSHOT = "snapshot-service";
    public static final String EXECUTOR = "migration-executor";
    public static final String NOTIFICATION = "notification-service";

    public AllInOneConfig {
        servicePorts = Map.copyOf(servicePorts);
    }

    public static AllInOneConfig defaults(Path dataDir) {
        return new AllInOneConfig(dataDir, true, Map.of(EXECUTOR, 8080, SOURCE_REGISTRY, 8081, PRECHECK, 8082,
                SNAPSHOT, 8083, NOTIFICATION, 8084), 8090);
    }

    public static AllInOneConfig withFreePorts(Path dataDir) {
        return new AllInOneConfig(dataDir, false, Map.of(EXECUTOR, 0, SOURCE_REGISTRY, 0, PRECHECK, 0, SNAPSHOT, 0,
                NOTIFICATION, 0), 0);
    }

    public int portOf(String service) {
        return servicePorts.get(service);
    }
}
