package io.osmigration.precheck.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MYSQL_DOWNGRADE: MySQL cannot be downgraded, so a server whose MySQL is newer than the one the destination ships
 * cannot be migrated (spec, "Migration limitations"). Older or equal is fine; older gets an INFO that the data
 * directory will be upgraded.
 */
public final class MysqlDowngradeRule implements Rule {

    static final Set<String> SERVER_PACKAGES = Set.of("mysql-community-server", "mysql-server", "mysql-commercial-server");

    /**
     * MySQL server version each destination ships. EL8-class destinations carry MySQL 8.0 in AppStream (Alibaba Cloud
     * Linux 3's AppStream: mysql 8.0.x); EL7-class destinations ship MariaDB 5.5 and no MySQL, so MySQL there comes
     * from the user's own repository and is left as it is: no entry, no finding. Overridable through
     * {@code osm.precheck.mysql-versions.<destination>} as the distributions update.
     */
    public static final Map<String, String> DEFAULT_VERSIONS = Map.of(
            "alinux3", "8.0.36",
            "anolis8", "8.0.36",
            "rhel8", "8.0.36");

    private final Map<String, Version> shipped;

    public MysqlDowngradeRule(Map<String, String> shippedVersions) {
        this.shipped = shippedVersions.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Version.parse(e.getValue())));
    }

    @Override
    public List<Finding> evaluate(CheckSubject subject) {
        if (!subject.hasFacts()) {
            return List.of();
        }
        Optional<Packages.Nvra> server = subject.facts().packages().stream().map(Packages::parse)
                .flatMap(Optional::stream).filter(p -> SERVER_PACKAGES.contains(p.name())).findFirst();
        Version destinationVersion = shipped.get(subject.destinationOs());
        if (server.isEmpty() || destinationVersion == null) {
            return List.of();
        }
        Version installed;
        try {
            installed = Version.parse(server.get().version());
        } catch (IllegalArgumentException unreadable) {
            return List.of();
        }
        String destination = Destinations.displayName(subject.destinationOs());
        int comparison = installed.compareTo(destinationVersion);
        if (comparison > 0) {
            return List.of(new Finding(FindingCodes.MYSQL_DOWNGRADE, Severity.CRITICAL,
                    "MySQL is newer than the destination's and cannot be downgraded",
                    "Installed: " + server.get().name() + " " + installed + "; " + destination + " ships MySQL "
                            + destinationVersion + ". MySQL does not support downgrades, so the migration would leave "
                            + "a data directory the destination's server cannot read.",
                    "Keep MySQL on this server outside the migration (move the database to ApsaraDB RDS or another "
                            + "host) or choose a destination that ships MySQL " + installed + " or later.", null));
        }
        if (comparison < 0) {
            return List.of(new Finding(FindingCodes.MYSQL_DOWNGRADE, Severity.INFO,
                    "MySQL will be upgraded by the migration",
                    "Installed: " + server.get().name() + " " + installed + "; " + destination + " ships MySQL "
                            + destinationVersion + ". The data directory is upgraded on first start.",
                    "Back up the databases (mysqldump) before migrating.", "mysqldump --all-databases > all.sql"));
        }
        return List.of();
    }
}
