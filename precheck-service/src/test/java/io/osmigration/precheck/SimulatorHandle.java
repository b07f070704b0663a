package io.osmigration.precheck;

import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.simulator.EcsSimulator;

/** The in-process ECS simulator: its endpoint for our EcsGateway and its engine for test hooks. */
public record SimulatorHandle(ConfigurableApplicationContext context) {

    public String endpoint() {
        return "127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    public EcsSimulator engine() {
        return context.getBean(EcsSimulator.class);
    }
}
