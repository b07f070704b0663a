package io.osmigration.simulator;

import java.time.Instant;

/**
 * What the simulator currently believes about an instance ({@code GET /_sim/instances}).
 *
 * @param cloudAssistantOnline the agent process runs (enabled, the OS is up, the instance Running)
 * @param cloudAssistantEnabled whether the agent would run (operator hook / fleet file)
 * @param startTime when the instance last became Running (ECS's StartTime: a reboot inside the guest does not move it)
 * @param root the fake root directory of the instance (created on first use)
 * @param osState what the operating system does: UP, BOOTING, OFFLINE_UPGRADE (Leapp's initramfs phase), HALTED, LOST
 * @param bootedAt when the operating system last finished booting
 * @param cloudAssistantReported what DescribeCloudAssistantStatus answers now (lags the agent by up to a heartbeat)
 */
public record InstanceView(String instanceId, String instanceName, String regionId, String status, Instant startTime,
                           boolean cloudAssistantOnline, boolean cloudAssistantEnabled, String osId, String osVersionId,
                           String osPrettyName, String kernel, String arch, String root, String osState, Instant bootedAt,
                           boolean cloudAssistantReported) {
}
