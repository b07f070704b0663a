package io.osmigration.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a fleet file strictly: an unknown field is an error that names the field and where it was
 * found, because a typo such as {@code "snapshotFail"} would otherwise silently disable a fault.
 */
public final class FleetParser {

    /** Classpath location of the built-in demo fleet. */
    public static final String DEMO_FLEET_RESOURCE = "demo-fleet.json";

    // Instance and disk ids become directory names under workDir: keep them path-safe.
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Set<String> STATUSES = Set.of("Running", "Stopped");
    private static final Set<String> ARCHES = Set.of("x86_64", "aarch64");
    private static final Set<String> DISK_TYPES = Set.of("system", "data");
    // sshd_config(5) values of PermitRootLogin, plus "unset" for a file without the directive.
    private static final Set<String> PERMIT_ROOT_LOGIN = Set.of("yes", "no", "prohibit-password", "without-password",
            "forced-commands-only", "unset");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private FleetParser() {
    }

    public static Fleet parse(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), dir);
        } catch (IOException e) {
            throw new FleetException("Cannot read fleet file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Fleet demo() {
        try (InputStream in = FleetParser.class.getClassLoader().getResourceAsStream(DEMO_FLEET_RESOURCE)) {
            if (in == null) {
                throw new FleetException("Built-in demo fleet " + DEMO_FLEET_RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEMO_FLEET_RESOURCE);
        } catch (IOException e) {
            throw new FleetException("Cannot read built-in demo fleet: " + e.getMessage(), e);
        }
    }

    /** Parses fleet JSON; {@code source} only names the origin in error messages. */
    public static Fleet parse(String json, String source) {
        return parse(json, source, null);
    }

    /**
     * Parses fleet JSON; {@code packagesFile} / {@code modulesFile} paths that are not bundled
     * listings are resolved against {@code baseDir} (the fleet file's directory) when relative.
     */
    static Fleet parse(String json, String source, Path baseDir) {
        Fleet fleet;
        try {
            JsonNode tree = MAPPER.readTree(json);
            resolveListingPaths(tree, baseDir);
            fleet = MAPPER.treeToValue(tree, Fleet.class);
        } catch (PropertyBindingException e) {
            String where = e.getPathReference() == null ? "" : " at " + path(e);
            throw new FleetException("Unknown field '" + e.getPropertyName() + "' in fleet file " + source + where
                    + "; known fields: " + new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()), e);
        } catch (JacksonException e) {
            throw new FleetException("Invalid fleet file " + source + (e.getPath().isEmpty() ? "" : " at " + path(e))
                    + ": " + e.getOriginalMessage(), e);
        }
        if (fleet == null) {
            throw new FleetException("Fleet file " + source + " is empty");
        }
        validate(fleet, source);
        return fleet;
    }

    private static void resolveListingPaths(JsonNode tree, Path baseDir) {
        if (baseDir == null || tree == null || !tree.path("instances").isArray()) {
            return;
        }
        for (JsonNode instance : tree.path("instances")) {
            if (!(instance instanceof ObjectNode o)) {
                continue;
            }
            for (String field : new String[] {"packagesFile", "modulesFile"}) {
                JsonNode v = o.get(field);
                if (v != null && v.isString() && !RealHostListings.isPackageListing(v.asString())
                        && !RealHostListings.isModuleListing(v.asString()) && !Path.of(v.asString()).isAbsolute()) {
                    o.put(field, baseDir.resolve(v.asString()).toString());
                }
            }
        }
    }

    // Renders Jackson's reference path as instances[3].faults.snapshotFail.
    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static void validate(Fleet fleet, String source) {
        Set<String> instanceIds = new HashSet<>();
        Set<String> diskIds = new HashSet<>();
        List<Fleet.Instance> instances = fleet.instances();
        for (int i = 0; i < instances.size(); i++) {
            Fleet.Instance in = instances.get(i);
            String at = source + " instances[" + i + "]";
            if (in == null) {
                throw new FleetException("Empty instance entry in fleet file " + at);
            }
            if (in.instanceId() == null || in.instanceId().isBlank()) {
                throw new FleetException("Missing required field 'instanceId' in fleet file " + at);
            }
            require(SAFE_ID.matcher(in.instanceId()).matches(), at, "instanceId", in.instanceId(), "letters, digits, '-', '_', '.'");
            require(instanceIds.add(in.instanceId()), at, "instanceId", in.instanceId(), "unique instance ids");
            require(STATUSES.contains(in.status()), at, "status", in.status(), String.valueOf(STATUSES));
            require(ARCHES.contains(in.arch()), at, "arch", in.arch(), String.valueOf(ARCHES));
            require(in.memoryMiB() > 0, at, "memoryMiB", in.memoryMiB(), "a positive number");
            long systemDisks = in.disks().stream().filter(Fleet.Disk::isSystem).count();
            require(systemDisks == 1, at, "disks", systemDisks + " system disks", "exactly one disk of type system");
            for (Fleet.Disk d : in.disks()) {
                require(SAFE_ID.matcher(d.diskId()).matches(), at, "disks.diskId", d.diskId(), "letters, digits, '-', '_', '.'");
                require(diskIds.add(d.diskId()), at, "disks.diskId", d.diskId(), "unique disk ids across the fleet");
                require(DISK_TYPES.contains(d.type()), at, "disks.type", d.type(), String.valueOf(DISK_TYPES));
                require(d.sizeGiB() > 0, at, "disks.sizeGiB", d.sizeGiB(), "a positive number");
                require(!d.isSystem() || d.sizeGiB() >= 20, at, "disks.sizeGiB", d.sizeGiB(), "at least 20 for a system disk, as on ECS");
                require(d.freeMiB() >= 0 && d.freeMiB() <= d.sizeGiB() * 1024L, at, "disks.freeMiB", d.freeMiB(), "0..sizeGiB*1024");
                require(Fleet.Disk.CATEGORIES.contains(d.category()), at, "disks.category", d.category(),
                        String.valueOf(new TreeSet<>(Fleet.Disk.CATEGORIES)));
                require(d.bootFreeMiB() >= 0 && d.bootFreeMiB() <= 1024, at, "disks.bootFreeMiB", d.bootFreeMiB(), "0..1024 (a 1 GiB /boot)");
            }
            require(Set.of("optional", "required").contains(in.metadata().httpTokens()), at, "metadata.httpTokens",
                    in.metadata().httpTokens(), "optional or required");
            require(in.metadata().ramRole() == null || in.metadata().ramRole().matches("[A-Za-z0-9.@_-]{1,64}"), at,
                    "metadata.ramRole", in.metadata().ramRole(), "a RAM role name");
            require(PERMIT_ROOT_LOGIN.contains(in.sshd().permitRootLogin()), at, "sshd.permitRootLogin", in.sshd().permitRootLogin(),
                    String.valueOf(PERMIT_ROOT_LOGIN));
            require(in.packageCount() == null || in.packageCount() > 0, at, "packageCount", in.packageCount(), "a positive number");
            require(in.repoBaseUrl() == null || in.repoBaseUrl().matches("https?://[^\\s]+"), at, "repoBaseUrl", in.repoBaseUrl(),
                    "an http(s) URL");
            for (String r : in.faults().brokenRepos()) {
                require(r != null && !r.isBlank(), at, "faults.brokenRepos", r, "repository ids or URL fragments");
            }
            for (String m : in.modules()) {
                require(m != null && m.trim().split("\\s+").length >= 3, at, "modules", m, "/proc/modules lines (name size refcount ...)");
            }
        }
    }

    private static void require(boolean ok, String at, String field, Object value, String expected) {
        if (!ok) {
            throw new FleetException("Invalid value '" + value + "' for field '" + field + "' in fleet file " + at
                    + " (expected " + expected + ")");
        }
    }
}
