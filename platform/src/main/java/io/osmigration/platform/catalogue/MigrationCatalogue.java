package io.osmigration.platform.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The migration catalogue ({@code migration-catalogue.yaml}): every path of SMC's matrix, the recipe that migrates
 * it, and the public sources both rest on. One data file shared by the pre-check (which paths exist, which are
 * experimental), the executor (the steps) and the dashboard; loaded and checked once at start-up.
 */
public final class MigrationCatalogue {

    public static final String RESOURCE = "io/osmigration/platform/catalogue/migration-catalogue.yaml";

    private final String defaultMirror;
    private final List<Destination> destinations;
    private final Map<String, Recipe> recipes;
    private final List<MigrationPath> paths;
    private final List<Source> mirrorSources;
    private final List<Source> sources;

    MigrationCatalogue(String defaultMirror, List<Destination> destinations, Map<String, Recipe> recipes,
                       List<MigrationPath> paths, List<Source> mirrorSources, List<Source> sources) {
        this.defaultMirror = defaultMirror;
        this.destinations = List.copyOf(destinations);
        this.recipes = Map.copyOf(recipes);
        this.paths = List.copyOf(paths);
        this.mirrorSources = List.copyOf(mirrorSources);
        this.sources = List.copyOf(sources);
    }

    private static volatile MigrationCatalogue shipped;

    /** The catalogue shipped with this build, loaded once per JVM. */
    public static MigrationCatalogue shipped() {
        MigrationCatalogue catalogue = shipped;
        if (catalogue == null) {
            synchronized (MigrationCatalogue.class) {
                if (shipped == null) {
                    shipped = load();
                }
                catalogue = shipped;
            }
        }
        return catalogue;
    }

    /** Reads and checks the catalogue shipped with this build. */
    public static MigrationCatalogue load() {
        try (InputStream in = MigrationCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return load(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws CatalogueException listing every problem when the file is not a valid catalogue */
    public static MigrationCatalogue load(InputStream in, String origin) {
        return CatalogueLoader.load(in, origin);
    }

    /** Alibaba Cloud's VPC-internal mirror, unless osm.migration.mirror-base-url says otherwise. */
    public String defaultMirror() {
        return defaultMirror;
    }

    public List<Source> mirrorSources() {
        return mirrorSources;
    }

    public List<Destination> destinations() {
        return destinations;
    }

    public Set<String> destinationIds() {
        return destinations.stream().map(Destination::id).collect(Collectors.toCollection(TreeSet::new));
    }

    public Optional<Destination> destination(String id) {
        return destinations.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    /** The destination's name for people ("Anolis OS 8"), or the id itself when it is not a destination. */
    public String displayName(String destinationId) {
        return destination(destinationId).map(Destination::name).orElse(destinationId);
    }

    public List<MigrationPath> paths() {
        return paths;
    }

    /** Every path from this source (supported or experimental, allow-listed or not). */
    public List<MigrationPath> pathsFrom(String arch, String osId, String versionId) {
        return paths.stream().filter(p -> p.source().matches(arch, osId, versionId)).toList();
    }

    public Optional<MigrationPath> path(String arch, String osId, String versionId, String destination) {
        return pathsFrom(arch, osId, versionId).stream().filter(p -> p.destination().equals(destination)).findFirst();
    }

    /** Source versions the matrix has for this distribution and architecture ("7", "8", "7.9"). */
    public List<String> sourceVersions(String arch, String osId) {
        String a = SourceOs.normalizeArch(arch);
        String os = SourceOs.normalize(osId);
        return paths.stream().filter(p -> p.source().arch().equals(a) && p.source().os().equals(os))
                .map(p -> p.source().version()).distinct().sorted().toList();
    }

    public Map<String, Recipe> recipes() {
        return recipes;
    }

    public Optional<Recipe> recipe(MigrationPath path) {
        return Optional.ofNullable(path.recipe()).map(recipes::get);
    }

    public Optional<Recipe> recipe(String id) {
        return Optional.ofNullable(recipes.get(id));
    }

    public List<Source> sources() {
        return sources;
    }
}
