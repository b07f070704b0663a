package io.osmigration.simulator;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ECS OpenAPI simulator as a Spring Boot WebFlux app. No component scanning: several apps share
 * one class path in the all-in-one run, so this app declares exactly its own beans.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(SimulatorProperties.class)
public class EcsSimulatorApplication {

    /** The config file name; {@code ecs-simulator.yml} rather than application.yml (shared class path). */
    public static final String CONFIG_NAME = "ecs-simulator";

    public static void main(String[] args) {
        new SpringApplicationBuilder(EcsSimulatorApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }

    @Bean(destroyMethod = "close")
    EcsSimulator ecsSimulator(SimulatorProperties properties,
                              @Value("${osm.simulator.credential-lifetime:PT6H}") Duration credentialLifetime) {
        EcsSimulator simulator = EcsSimulator.start(properties.toSettings());
        simulator.setCredentialLifetime(credentialLifetime);
        return simulator;
    }

    @Bean
    RouterFunction<ServerResponse> metadataRoutes(EcsSimulator simulator) {
        return new MetadataRoutes(simulator).routes();
    }

    @Bean
    RouterFunction<ServerResponse> ecsSimulatorRoutes(EcsSimulator simulator) {
        return new SimulatorRoutes(simulator).routes();
    }
}
