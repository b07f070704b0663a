package io.osmigration.cli.config;

/** The five services and their default ports (the contract's all-in-one ports). */
public enum Service {
    EXECUTOR("migration-executor", "executor", 8080),
    REGISTRY("source-registry", "registry", 8081),
    PRECHECK("precheck-service", "precheck", 8082),
    SNAPSHOT("snapshot-service", "snapshot", 8083),
    NOTIFICATION("notification-service", "notification", 8084);

    private final String serviceName;
    private final String shortName;
    private final int defaultPort;

    Service(String serviceName, String shortName, int defaultPort) {
        this.serviceName = serviceName;
        this.shortName = shortName;
        this.defaultPort = defaultPort;
    }

    public String serviceName() {
        return serviceName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** {@code --executor-url} */
    public String flag() {
        return "--" + shortName + "-url";
    }

    /** {@code OSM_EXECUTOR_URL} */
    public String environmentVariable() {
        return "OSM_" + name() + "_URL";
    }

    /** {@code executor-url} in the config file */
    public String configKey() {
        return shortName + "-url";
    }
}
