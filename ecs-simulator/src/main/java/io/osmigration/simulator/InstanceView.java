package io.osmigration.simulator;

import java.time.Instant;

/**
 * What the simulator currently believes about an instance ({@code GET /_sim/instances}).
 *
 * @param cloudAssistantOnline effective agent state: enabled and the instance is Running
 * @param cloudAssistantEnabled whether the agent would run (operator hook / fleet file)
 * @param startTime when the instance last became Running (a reboot moves it)
 * @param root the fake root directory of the instance (created on first use)
 */
public record InstanceView(String instanceId, String instanceName, String regionId, String status, Instant startTime,
                           boolean cloudAssistantOnline, boolean cloudAssistantEnabled, String osId, String osVersionId,
                           String osPrettyName, String kernel, String arch, String root) {
}
