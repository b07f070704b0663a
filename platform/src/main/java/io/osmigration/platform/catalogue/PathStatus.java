package io.osmigration.platform.catalogue;

/** Whether a path's recipe is confirmed from public sources. */
public enum PathStatus {
    /** Every command of its recipe is documented by the tool's public source. */
    SUPPORTED,
    /** SMC offers it, but no public source confirms the tool: refused unless osm.migration.experimental-paths. */
    EXPERIMENTAL
}
