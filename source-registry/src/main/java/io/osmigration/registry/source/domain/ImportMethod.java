package io.osmigration.registry.source.domain;

/** How a source came in; decides how its online status is tracked afterwards. */
public enum ImportMethod {
    /** Picked by instance id; status follows DescribeCloudAssistantStatus. */
    ECS,
    /** Registered itself with the import one-liner; status follows its heartbeats. */
    ACTIVATION_CODE
}
