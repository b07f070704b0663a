package io.osmigration.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.osmigration.simulator.guest.Nevra;

/**
 * Resolves an instance's package and module listings: a bundled real listing by name
 * ({@link RealHostListings}) or a file, grown to {@code packageCount}, plus the listed extras.
 */
final class HostFiles {

    private HostFiles() {
    }

    static List<String> packages(Map<String, String> osRelease, String arch, List<String> extra, String file,
                                 Integer count, String instanceId) {
        List<String> base;
        if (file != null) {
            base = RealHostListings.isPackageListing(file) ? RealHostListings.packages(file) : readLines(file);
        } else if (extra == null) {
            base = OsProfiles.defaultPackages(osRelease, arch);
        } else {
            base = List.of();
        }
        if (count != null) {
            if (count < base.size()) {
                throw new IllegalArgumentException("packageCount " + count + " is smaller than the " + base.size() + " packages of the listing");
            }
            base = RealHostListings.grown(base, count, instanceId == null ? 0 : instanceId.hashCode());
        }
        if (extra == null) {
            return List.copyOf(base);
        }
        // "@listing" in packages marks where the listing goes (default: first), so a test can put a package anywhere.
        List<String> all = new ArrayList<>();
        boolean placed = false;
        for (String p : extra) {
            if (LISTING.equals(p)) {
                all.addAll(base);
                placed = true;
            } else {
                all.add(p);
            }
        }
        if (!placed) {
            all.addAll(0, base);
        }
        return List.copyOf(all);
    }

    /** The marker in {@code packages} where the {@code packagesFile} listing is spliced in. */
    static final String LISTING = "@listing";

    /** A running kernel is an installed kernel, and ECS images carry the Cloud Assistant agent's package. */
    static List<String> withRunningKernelAndAgent(List<String> packages, String kernel, String arch, boolean agent,
                                                  Map<String, String> osRelease) {
        if (!OsProfiles.isRpmFamily(osRelease)) {
            return packages;
        }
        List<String> out = new ArrayList<>(packages);
        String kernelPackage = "kernel-" + kernel;
        if (Nevra.parse(kernelPackage).arch().length() > 0 && !out.contains(kernelPackage)) {
            out.add(kernelPackage);
        }
        if (agent && out.stream().noneMatch(p -> Nevra.name(p).equals("aliyun_assist"))) {
            out.add("aliyun_assist-2.2.3.857-1." + arch);
        }
        return List.copyOf(out);
    }

    static List<String> modules(List<String> extra, String file) {
        if (file == null) {
            return extra == null ? OsProfiles.defaultModules() : List.copyOf(extra);
        }
        List<String> all = new ArrayList<>(RealHostListings.isModuleListing(file)
                ? RealHostListings.modules(file) : RealHostListings.fromLsmod(readLines(file)));
        if (extra != null) {
            all.addAll(extra);
        }
        return List.copyOf(all);
    }

    private static List<String> readLines(String file) {
        try {
            List<String> out = new ArrayList<>();
            for (String l : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read listing " + file + ": " + e.getMessage(), e);
        }
    }
}
