package io.osmigration.allinone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.notification.NotificationServiceApplication;
import io.osmigration.platform.OsmApplication;
import io.osmigration.platform.security.ConfiguredTokens;
import io.osmigration.precheck.PrecheckServiceApplication;
import io.osmigration.registry.SourceRegistryApplication;
import io.osmigration.snapshot.SnapshotServiceApplication;

/**
 * More replicas of every service beside a started {@link AllInOne}: each one more Spring context in the same JVM, on a
 * free port, with the same settings as the stack's own (the same Kafka broker and consumer groups, the same MongoDB,
 * the same ECS account), so the replicas share the work by Kafka partitions and leases, and the account's call budget
 * in MongoDB, as separate processes would. The settings follow {@code AllInOne.startService}; a hook there
 * ({@code AllInOne.startReplica(service)}) would keep them in one place.
 */
final class Replicas implements AutoCloseable {

    private static final Map<String, Class<?>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put(AllInOneConfig.SOURCE_REGISTRY, SourceRegistryApplication.class);
        SERVICES.put(AllInOneConfig.PRECHECK, PrecheckServiceApplication.class);
        SERVICES.put(AllInOneConfig.SNAPSHOT, SnapshotServiceApplication.class);
        SERVICES.put(AllInOneConfig.EXECUTOR, MigrationExecutorApplication.class);
        SERVICES.put(AllInOneConfig.NOTIFICATION, NotificationServiceApplication.class);
    }

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, List<Integer>> ports = new LinkedHashMap<>();

    private Replicas() {
    }

    /** Starts {@code more} further replicas of each service of {@code stack}, with {@code extraArguments} last. */
    static Replicas start(AllInOne stack, int more, List<String> extraArguments) {
        Replicas replicas = new Replicas();
        try {
            for (int i = 0; i < more; i++) {
                SERVICES.forEach((name, application) -> replicas.startOne(stack, name, application, extraArguments));
            }
        } catch (RuntimeException e) {
            replicas.close();
            throw e;
        }
        return replicas;
    }

    private void startOne(AllInOne stack, String name, Class<?> application, List<String> extraArguments) {
        Map<String, String> settings = new LinkedHashMap<>(stack.infrastructure().springProperties());
        if (!AllInOneConfig.NOTIFICATION.equals(name)) {
            settings.keySet().removeIf(key -> key.startsWith("spring.mail."));
        }
        settings.put("server.port", "0");
        settings.put("logging.include-application-name", "false");
        settings.put("osm.security.tokens[0].name", "admin");
        settings.put("osm.security.tokens[0].role", "admin");
        settings.put("osm.security.tokens[0].sha256", ConfiguredTokens.hash(stack.apiToken()));
        settings.put("osm.security.data-key", DataKey.resolve(System.getenv("OSM_SECURITY_DATA_KEY"), stack.dataDir()));
        settings.put("osm.aliyun.endpoint", "127.0.0.1:" + stack.port("ecs-simulator"));
        settings.put("osm.aliyun.protocol", "HTTP");
        settings.putIfAbsent("osm.aliyun.access-key-id", AllInOne.DEMO_ACCESS_KEY_ID);
        settings.putIfAbsent("osm.aliyun.access-key-secret", AllInOne.DEMO_ACCESS_KEY_SECRET);
        settings.put("osm.notifications.dashboard-url", "http://localhost:" + stack.port(AllInOneConfig.EXECUTOR) + "/");
        settings.put("osm.executor.registry.url", "http://127.0.0.1:" + stack.port(AllInOneConfig.SOURCE_REGISTRY));
        settings.put("osm.executor.registry.token", stack.apiToken());
        settings.put("osm.notifications.default-email-recipients", "ops@localhost");
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> {
            if (extraArguments.stream().noneMatch(argument -> argument.startsWith("--" + key + "="))) {
                arguments.add("--" + key + "=" + value);
            }
        });
        arguments.addAll(extraArguments);
        ConfigurableApplicationContext context = OsmApplication.builder(application, name)
                .initializers(AllInOne::ownNettyResources)
                .registerShutdownHook(false).run(arguments.toArray(String[]::new));
        contexts.add(context);
        ports.computeIfAbsent(name, n -> new ArrayList<>())
                .add(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** The ports of the further replicas of {@code service}. */
    List<Integer> ports(String service) {
        return ports.getOrDefault(service, List.of());
    }

    int size() {
        return contexts.size();
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            try {
                contexts.get(i).close();
            } catch (RuntimeException e) {
                // the next one still closes
            }
        }
        contexts.clear();
    }
}
