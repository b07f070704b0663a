package io.osmigration.platform.cloud.assistant;

/**
 * Cloud Assistant's view of the agent on an instance (DescribeCloudAssistantStatus). The agent heartbeats about
 * once a minute, so "online" lags reality by up to that long.
 *
 * @param lastHeartbeat as ECS reports it (ISO-8601), null or blank when never seen
 */
public record AgentState(boolean online, String lastHeartbeat) {
}
