package io.osmigration.allinone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.executor.MigrationExecutorApplication;
import io.osmigration.notification.NotificationServiceApplication;
import io.osmigration.precheck.PrecheckServiceApplication;
import io.osmigration.registry.SourceRegistryApplication;
import io.osmigration.snapshot.SnapshotServiceApplication;

/**
 * More replicas of every service beside a started {@link AllInOne}: each one more Spring context in the same JVM, on a
 * free port, with the same settings as the stack's own (the same Kafka broker and consumer groups, the same MongoDB,
 * the same ECS account), so the replicas share the work by Kafka partitions and leases, and the account's call budget
 * in MongoDB, as separate processes would. The settings are the stack's own ({@code AllInOne.startReplica}).
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

    /** Starts {@code more} further replicas of each service of {@code stack}, with the stack's own arguments. */
    static Replicas start(AllInOne stack, int more) {
        Replicas replicas = new Replicas();
        try {
            for (int i = 0; i < more; i++) {
                SERVICES.forEach((name, application) -> replicas.startOne(stack, name, application));
            }
        } catch (RuntimeException e) {
            replicas.close();
            throw e;
        }
        return replicas;
    }

    private void startOne(AllInOne stack, String name, Class<?> application) {
        ConfigurableApplicationContext context = stack.startReplica(application, name);
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
