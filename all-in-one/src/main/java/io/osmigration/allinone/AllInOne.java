package io.osmigration.allinone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.notification.NotificationServiceApplication;
import io.osmigration.platform.OsmApplication;
import io.osmigration.platform.security.ConfiguredTokens;
import io.osmigration.precheck.PrecheckServiceApplication;
import io.osmigration.registry.SourceRegistryApplication;
import io.osmigration.simulator.EcsSimulatorApplication;
import io.osmigration.snapshot.SnapshotServiceApplication;

/**
 * The whole of osmigration in one JVM: a Kafka broker, a MongoDB wire-protocol server and a mail server, the ECS
 * simulator, and the five services, each in its own Spring context on its contract port. State lives under the data
 * dir, so a restart finds it again.
 */
public final class AllInOne implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AllInOne.class);

    /** Demo credentials of the simulator's built-in fleet; a fleet file brings its own. */
    static final String DEMO_ACCESS_KEY_ID = "LTAIosmDemoKey0001";
    static final String DEMO_ACCESS_KEY_SECRET = "osm-demo-secret-not-for-production";

    private final AllInOneConfig config;
    private final String apiToken;
    private String dataKey;
    private final List<String> extraArguments;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final boolean mongoInMemory;
    private EmbeddedInfrastructure infrastructure;

    public AllInOne(AllInOneConfig config, String apiToken, List<String> extraArguments) {
        this.config = config;
        this.apiToken = apiToken;
        this.extraArguments = List.copyOf(extraArguments);
        this.mongoInMemory = mongoInMemory(); // a wrong value fails here, before anything is created
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(setting(args, "osm.data-dir", "OSM_DATA_DIR", "./data")).toAbsolutePath().normalize();
        String token = ApiToken.resolve(System.getenv("OSM_API_TOKEN"), dataDir);
        AllInOne allInOne = new AllInOne(AllInOneConfig.defaults(dataDir), token, List.of(args));
        Runtime.getRuntime().addShutdownHook(new Thread(allInOne::close, "all-in-one-shutdown"));
        long started = System.nanoTime();
        allInOne.start();
        System.out.printf("%n  osmigration is up in %.1f s (data in %s)%n  Dashboard:  http://localhost:%d/%n"
                        + "  API token:  %s   (role admin, name admin; also in %s)%n"
                        + "  More tokens (viewer, operator, admin): POST /api/v1/tokens with this one.%n"
                        + "  Stored secrets are sealed with the data key in %s.%n  Stop with Ctrl-C.%n%n",
                (System.nanoTime() - started) / 1e9, dataDir, allInOne.port(AllInOneConfig.EXECUTOR), token,
                dataDir.resolve("api-token"), DataKey.describe(System.getenv("OSM_SECURITY_DATA_KEY"), dataDir));
    }

    public synchronized AllInOne start() {
        dataKey = DataKey.resolve(System.getenv("OSM_SECURITY_DATA_KEY"), config.dataDir());
        infrastructure = EmbeddedInfrastructure.builder().dataDir(config.dataDir())
                .mongo(mongo -> {
                    if (mongoInMemory) {
                        mongo.inMemory();
                    }
                })
                .fixedPorts(config.fixedInfrastructurePorts()).build().start();
        ConfigurableApplicationContext simulator = new SpringApplicationBuilder(EcsSimulatorApplication.class)
                .properties("spring.config.name=ecs-simulator")
                .initializers(AllInOne::ownNettyResources)
                .registerShutdownHook(false)
                .run(arguments(Map.of("server.port", String.valueOf(config.simulatorPort()),
                        "logging.include-application-name", "false",
                        "osm.simulator.work-dir", config.dataDir().resolve("simulator").toString(),
                        // The simulated tools take real time by default (a Leapp offline phase: 40 min); a demo runs at 1/50.
                        "osm.simulator.time-scale", System.getenv().getOrDefault("OSM_SIMULATOR_TIME_SCALE", "0.02"))));
        contexts.add(simulator);
        ports.put("ecs-simulator", portOf(simulator));
        startService(SourceRegistryApplication.class, AllInOneConfig.SOURCE_REGISTRY);
        startService(PrecheckServiceApplication.class, AllInOneConfig.PRECHECK);
        startService(SnapshotServiceApplication.class, AllInOneConfig.SNAPSHOT);
        startService(MigrationExecutorApplication.class, AllInOneConfig.EXECUTOR);
        startService(NotificationServiceApplication.class, AllInOneConfig.NOTIFICATION);
        return this;
    }

    private void startService(Class<?> application, String name) {
        ConfigurableApplicationContext context = startContext(application, name, config.portOf(name));
        contexts.add(context);
        ports.put(name, portOf(context));
        log.info("{} is up on port {}", name, ports.get(name));
    }

    /**
     * One more replica of a service beside this started stack, with the same settings (Kafka, MongoDB, the ECS
     * account, the tokens) on a free port; the caller closes it. For the tests and the fleet bench that run replicas.
     */
    ConfigurableApplicationContext startReplica(Class<?> application, String name) {
        return startContext(application, name, 0);
    }

    private ConfigurableApplicationContext startContext(Class<?> application, String name, int port) {
        Map<String, String> settings = new LinkedHashMap<>(infrastructure.springProperties());
        if (!AllInOneConfig.NOTIFICATION.equals(name)) {
            // Only the notification service sends mail; elsewhere a mail host would only add a health check.
            settings.keySet().removeIf(key -> key.startsWith("spring.mail."));
        }
        settings.put("server.port", String.valueOf(port));
        // Logging is JVM-wide: one application name in every line would name the wrong service; the logger says which.
        settings.put("logging.include-application-name", "false");
        // The all-in-one run's token is the admin token named admin; only its hash goes into the configuration.
        settings.put("osm.security.tokens[0].name", "admin");
        settings.put("osm.security.tokens[0].role", "admin");
        settings.put("osm.security.tokens[0].sha256", ConfiguredTokens.hash(apiToken));
        settings.put("osm.security.data-key", dataKey);
        settings.put("osm.aliyun.endpoint", "127.0.0.1:" + ports.get("ecs-simulator"));
        settings.put("osm.aliyun.protocol", "HTTP");
        settings.putIfAbsent("osm.aliyun.access-key-id", DEMO_ACCESS_KEY_ID);
        settings.putIfAbsent("osm.aliyun.access-key-secret", DEMO_ACCESS_KEY_SECRET);
        settings.put("osm.notifications.dashboard-url", "http://localhost:" + port(AllInOneConfig.EXECUTOR) + "/");
        // The executor asks source-registry (started before it) about sources it has not heard of yet.
        settings.put("osm.executor.registry.url", "http://127.0.0.1:" + port(AllInOneConfig.SOURCE_REGISTRY));
        settings.put("osm.executor.registry.token", apiToken);
        // Outcomes go to a local mailbox out of the box: read it over IMAP (port 3143, login ops@localhost).
        settings.put("osm.notifications.default-email-recipients", "ops@localhost");
        return OsmApplication.builder(application, name).initializers(AllInOne::ownNettyResources)
                .registerShutdownHook(false).run(arguments(settings));
    }

    /**
     * Each part gets Netty event loops of its own: a context on Reactor Netty's global resources disposes them when it
     * closes, for every server in the JVM — so stopping one stack (or one replica) would take down the others'.
     */
    static void ownNettyResources(ConfigurableApplicationContext context) {
        ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
            ReactorResourceFactory resources = new ReactorResourceFactory();
            resources.setUseGlobalResources(false);
            return resources;
        });
    }

    /**
     * Command-line arguments outrank each service's own yml. A setting the user gave is left to the user: Spring
     * would otherwise join both values of a repeated argument.
     */
    private String[] arguments(Map<String, String> settings) {
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> {
            if (extraArguments.stream().noneMatch(argument -> argument.startsWith("--" + key + "="))) {
                arguments.add("--" + key + "=" + value);
            }
        });
        arguments.addAll(extraArguments);
        return arguments.toArray(String[]::new);
    }

    /** The port a part listens on (after start), or its configured port. */
    public int port(String name) {
        Integer port = ports.get(name);
        return port != null ? port : config.portOf(name);
    }

    public String apiToken() {
        return apiToken;
    }

    /** Where the run keeps its state (MongoDB, Kafka, the simulator's instances under {@code simulator/}). */
    public java.nio.file.Path dataDir() {
        return config.dataDir();
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    public List<ConfigurableApplicationContext> contexts() {
        return List.copyOf(contexts);
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Stops the services first, then the infrastructure they use. */
    @Override
    public synchronized void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                log.warn("Stopping a context failed: {}", e.toString());
            }
        }
        contexts.clear();
        if (infrastructure != null) {
            infrastructure.close();
            infrastructure = null;
        }
    }

    /**
     * {@code --osm.mongo-storage=memory} ({@code OSM_MONGO_STORAGE}): the embedded MongoDB keeps its documents in memory
     * only (gone at exit), for a throwaway demo or a fleet-scale bench. The default, {@code file}, keeps them in the
     * data dir's H2 file; that store answers every query that is not by {@code _id} by reading each document of the
     * collection back from the file (mongo-java-server uses no secondary index), which at thousands of jobs is most of
     * the run's time. A real MongoDB (docker-compose.yml) uses the indexes the services declare.
     */
    private boolean mongoInMemory() {
        String storage = setting(extraArguments.toArray(String[]::new), "osm.mongo-storage", "OSM_MONGO_STORAGE",
                "file");
        if (!storage.equals("file") && !storage.equals("memory")) {
            throw new IllegalArgumentException("osm.mongo-storage must be file or memory, was " + storage);
        }
        return storage.equals("memory");
    }

    private static String setting(String[] args, String property, String environment, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + property + "=")) {
                return arg.substring(property.length() + 3);
            }
        }
        String fromProperty = System.getProperty(property);
        if (fromProperty != null) {
            return fromProperty;
        }
        String fromEnvironment = System.getenv(environment);
        return fromEnvironment != null ? fromEnvironment : fallback;
    }
}
