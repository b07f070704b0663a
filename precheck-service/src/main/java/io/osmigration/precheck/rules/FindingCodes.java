package io.osmigration.precheck.rules;

/** The finding codes of the contract, plus the ones the check itself produces. */
public final class FindingCodes {

    public static final String SOURCE_OS_UNSUPPORTED = "SOURCE_OS_UNSUPPORTED";
    public static final String DESTINATION_UNSUPPORTED = "DESTINATION_UNSUPPORTED";
    public static final String I386_PACKAGES = "I386_PACKAGES";
    public static final String EPEL_MODULAR = "EPEL_MODULAR";
    public static final String CXX_TOOLCHAIN = "CXX_TOOLCHAIN";
    public static final String KERNEL_MODULE_UNSUPPORTED = "KERNEL_MODULE_UNSUPPORTED";
    public static final String MYSQL_DOWNGRADE = "MYSQL_DOWNGRADE";
    public static final String CLOUD_ASSISTANT_OFFLINE = "CLOUD_ASSISTANT_OFFLINE";
    public static final String DISK_SPACE = "DISK_SPACE";
    public static final String MEMORY = "MEMORY";
    public static final String SNAPSHOT_IN_PROGRESS = "SNAPSHOT_IN_PROGRESS";
    public static final String SERVICE_RESTART = "SERVICE_RESTART";
    /** The path exists in SMC's matrix but no public source confirms its tool (migration catalogue). */
    public static final String MIGRATION_PATH_EXPERIMENTAL = "MIGRATION_PATH_EXPERIMENTAL";
    /** The check did not finish in time (osm.precheck.check-timeout). */
    public static final String CHECK_TIMEOUT = "CHECK_TIMEOUT";
    /** The check itself failed unexpectedly; the instance is not known to be safe. */
    public static final String CHECK_ERROR = "CHECK_ERROR";

    private FindingCodes() {
    }
}
