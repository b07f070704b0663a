package io.osmigration.executor.recipe;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.platform.catalogue.MigrationCatalogue;
import io.osmigration.platform.catalogue.MigrationPath;
import io.osmigration.platform.catalogue.MigrationProperties;
import io.osmigration.platform.catalogue.Recipe;
import io.osmigration.platform.security.Access;
import io.osmigration.platform.security.Role;

/** The migration catalogue's paths, for the dashboard and other clients: which source can go where, and how. */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@RestController
@Tag(name = "Migration paths", description = "The migration catalogue: source → destination, the tool, and whether it is offered")
class MigrationPathsController {

    private final MigrationCatalogue catalogue;
    private final MigrationProperties migration;

    MigrationPathsController(MigrationCatalogue catalogue, MigrationProperties migration) {
        this.catalogue = catalogue;
        this.migration = migration;
    }

    @Access(Role.VIEWER)
    @GetMapping("/api/v1/migration-paths")
    @Operation(summary = "Every path of the migration catalogue",
            description = "For each source (OS, version, architecture) and destination: the recipe's tool, how many "
                    + "reboots follow and the deadline for them, whether the path is experimental (refused unless "
                    + "osm.migration.experimental-paths=true) and whether it is offered here now.")
    MigrationPaths paths() {
        List<PathView> paths = catalogue.paths().stream().map(this::view).toList();
        return new MigrationPaths(migration.experimentalPaths(), paths);
    }

    private PathView view(MigrationPath path) {
        Recipe recipe = catalogue.recipe(path).orElse(null);
        return new PathView(path.id(), path.source().os(), path.source().version(), path.source().arch(),
                path.destination(), catalogue.displayName(path.destination()), path.status().name(),
                !path.experimental() || migration.experimentalPaths(), path.allowListed(), path.recipe(),
                recipe == null ? null : recipe.tool(), recipe == null ? null : recipe.preflight() != null,
                recipe == null ? null : recipe.restart().reboots(),
                recipe == null ? null : recipe.restart().deadline(), path.reason());
    }

    /** @param experimentalPathsEnabled whether experimental paths are offered here ({@code osm.migration.experimental-paths}) */
    record MigrationPaths(boolean experimentalPathsEnabled, List<PathView> paths) {
    }

    /**
     * @param offered       whether a batch may take this path here now
     * @param tool          the recipe's tool (leapp, centos2anolis, convert2rhel); null for an experimental path
     * @param drill         whether the tool has a check of its own (the drill runs it)
     * @param reboots       how many times the instance restarts before it runs the destination
     * @param rebootDeadline how long the instance may take to come back
     * @param reason        why the path is experimental; null otherwise
     */
    record PathView(String id, String sourceOs, String sourceVersion, String arch, String destination,
                    String destinationName, String status, boolean offered, boolean allowListed, String recipe,
                    String tool, Boolean drill, Integer reboots, Duration rebootDeadline, String reason) {
    }
}
