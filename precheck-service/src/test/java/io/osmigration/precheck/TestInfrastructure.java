package io.osmigration.precheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.osmigration.infra.EmbeddedInfrastructure;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.osmigration.simulator.EcsSimulatorApplication;

/** One broker, one MongoDB and one ECS simulator for every test class of this module (one JVM). */
public final class TestInfrastructure {

    private static SimulatorHandle simulator;

    private TestInfrastructure() {
    }

    public static EmbeddedInfrastructure infra() {
        return EmbeddedInfrastructure.shared();
    }

    /**
     * The simulator is a Spring Boot app too, and in this JVM it sees our class path (platform, Kafka, MongoDB): keep
     * those auto-configurations out of its context, it needs none of them.
     */
    private static final String SIMULATOR_EXCLUDES = String.join(",",
            "io.osmigration.platform.kafka.KafkaEventsAutoConfiguration",
            "io.osmigration.platform.outbox.PersistenceAutoConfiguration",
            "io.osmigration.platform.web.WebAutoConfiguration",
            "io.osmigration.platform.cloud.CloudAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
            "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration");

    /**
     * Snapshots stay "progressing" for 10 minutes, so a snapshot started by a test is still being created when the
     * check looks (nothing here waits for one to finish). The fleet is the demo fleet plus {@link BigHosts}.
     */
    public static synchronized SimulatorHandle simulator() {
        if (simulator == null) {
            try {
                // Command-line arguments, not default properties: ecs-simulator.yml's server.port (8090) would
                // win over a default property, and 8090 may be taken by a running all-in-one.
                simulator = new SimulatorHandle(new SpringApplicationBuilder(EcsSimulatorApplication.class)
                        .web(WebApplicationType.REACTIVE).registerShutdownHook(false)
                        .run("--spring.config.name=ecs-simulator", "--server.port=0", "--spring.jmx.enabled=false",
                                "--osm.simulator.work-dir=" + Files.createTempDirectory("precheck-sim"),
                                "--osm.simulator.fleet-file=" + BigHosts.fleetFile(Files.createTempDirectory("precheck-fleet")),
                                "--osm.simulator.output-quota=12000",
                                "--osm.simulator.snapshot-duration=PT10M",
                                "--spring.autoconfigure.exclude=" + SIMULATOR_EXCLUDES));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(simulator.context()::close, "precheck-sim-shutdown"));
        }
        return simulator;
    }
}
