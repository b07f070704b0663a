package io.osmigration.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the simulator in-process, for tests of other modules and the all-in-one run:
 * <pre>{@code
 * try (EcsSimulatorServer sim = EcsSimulatorServer.start(0, fleetFile, workDir)) {
 *     request.setSysEndpoint(sim.endpoint());           // "127.0.0.1:<port>"
 *     ... sim.engine().calls("RunCommand", instanceId) ...
 * }
 * }</pre>
 */
public final class EcsSimulatorServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private EcsSimulatorServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /**
     * @param port            0 for a free port
     * @param fleetFile       fleet JSON, or null for the built-in demo fleet
     * @param workDir         where fake roots live, or null for {@code ${java.io.tmpdir}/osm-ecs-simulator};
     *                        give each simultaneously running simulator its own
     * @param extraProperties more {@code key=value} properties, e.g. {@code osm.simulator.snapshot-duration=PT0.2S}
     */
    public static EcsSimulatorServer start(int port, Path fleetFile, Path workDir, String... extraProperties) {
        // Passed as command-line arguments: builder "properties" are only defaults, which our own
        // ecs-simulator.yml (server.port 8090, durations) would override.
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        if (fleetFile != null) {
            args.add("--osm.simulator.fleet-file=" + fleetFile.toAbsolutePath());
        }
        if (workDir != null) {
            args.add("--osm.simulator.work-dir=" + workDir.toAbsolutePath());
        }
        // Several contexts may run in one JVM: no JMX name clashes.
        args.add("--spring.jmx.enabled=false");
        for (String p : extraProperties) {
            args.add(p.startsWith("--") ? p : "--" + p);
        }
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(EcsSimulatorApplication.class)
                .web(WebApplicationType.REACTIVE)
                .registerShutdownHook(false)
                .properties("spring.config.name=" + EcsSimulatorApplication.CONFIG_NAME)
                .run(args.toArray(String[]::new));
        return new EcsSimulatorServer(ctx);
    }

    public static EcsSimulatorServer start(int port, Path fleetFile) {
        return start(port, fleetFile, null);
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}, for {@code AcsRequest.setSysEndpoint}. */
    public String endpoint() {
        return "127.0.0.1:" + port;
    }

    public EcsSimulator engine() {
        return context.getBean(EcsSimulator.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
