package io.osmigration.simulator.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.osmigration.simulator.RealHostListings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The systems the real tools produce ({@code world/destinations.json}) and what changes on the disk
 * when one of them is installed over the old one: os-release and the release files, the kernel,
 * the rpm database (every package the target ships in a newer build, the rest left as it was, the
 * way Leapp and the conversion tools leave third-party packages), and the modules that no longer exist.
 */
final class Destinations {

    private static final String RESOURCE = "io/osmigration/simulator/world/destinations.json";
    private static final JsonNode DATA = load();
    private static final String NEXT_KERNEL = "/" + Machine.STATE + "/next-kernel";

    private Destinations() {
    }

    record Target(String key, String version, Map<String, String> osRelease, String redhatRelease, String kernel,
                  String rhckKernel, String dist, String releasePackage, List<String> repos) {

        int major() {
            return Integer.parseInt(osRelease.getOrDefault("VERSION_ID", version).split("\\.")[0]);
        }

        String pretty() {
            return osRelease.getOrDefault("PRETTY_NAME", key);
        }
    }

    static Target target(String key, String version) {
        JsonNode t = DATA.path("targets").path(key);
        if (t.isMissingNode()) {
            throw new IllegalArgumentException("Unknown destination " + key);
        }
        String v = version == null ? t.path("defaultVersion").asString() : version;
        Map<String, String> osr = new LinkedHashMap<>();
        t.path("osRelease").properties().forEach(e -> osr.put(e.getKey(), e.getValue().asString().replace("{v}", v)));
        List<String> repos = new ArrayList<>();
        t.path("repos").forEach(r -> repos.add(r.asString()));
        return new Target(key, v, osr, t.path("redhatRelease").asString().replace("{v}", v), t.path("kernel").asString(),
                t.path("rhckKernel").isMissingNode() ? null : t.path("rhckKernel").asString(), t.path("dist").asString(),
                t.path("releasePackage").asString().replace("{v}", v), List.copyOf(repos));
    }

    /** {@code --target} choices for a Leapp flavour and the source's VERSION_ID (falling back to its major). */
    static List<String> leappTargets(String flavour, String versionId) {
        JsonNode paths = DATA.path("leappTargets").path(flavour);
        JsonNode exact = paths.path(versionId);
        if (exact.isMissingNode()) {
            exact = paths.path(versionId.split("\\.")[0]);
        }
        List<String> out = new ArrayList<>();
        exact.forEach(v -> out.add(v.asString()));
        return out;
    }

    /** The Leapp flavour and destination of a vendor ({@code almalinux} -> elevate, almalinux-8). */
    static Optional<String[]> leappVendor(String vendor) {
        JsonNode v = DATA.path("leappVendors").path(vendor);
        return v.isMissingNode() ? Optional.empty() : Optional.of(new String[] {v.path("flavour").asString(), v.path("target").asString()});
    }

    /**
     * Installs the destination's release over the running system: os-release and packages change now;
     * the new kernel is installed and boots next time (conversions), or right away ({@code bootNow},
     * Leapp's offline phase, which ends in a reboot into the new kernel).
     */
    static void install(Machine m, Target t, boolean bootNow, boolean rhck) {
        String arch = m.arch();
        String kernel = (rhck && t.rhckKernel() != null ? t.rhckKernel() : t.kernel()) + "." + arch;
        boolean majorChange = !String.valueOf(t.major()).equals(m.major());
        m.writeRelease(t.osRelease(), t.redhatRelease());
        m.writePackages(mapPackages(m.packages(), t, kernel, majorChange, arch));
        if (bootNow) {
            m.writeKernel(kernel);
            m.delete(NEXT_KERNEL);
        } else {
            m.write(NEXT_KERNEL, kernel + "\n");
        }
        if (majorChange) {
            List<String> kept = new ArrayList<>();
            Set<String> removed = LeappData.removedDrivers(t.major());
            for (String line : m.moduleLines()) {
                if (!removed.contains(line.split("\\s+")[0])) {
                    kept.add(line);
                }
            }
            m.write("/proc/modules", String.join("\n", kept) + (kept.isEmpty() ? "" : "\n"));
        }
    }

    /** A kernel a conversion installed takes over at the next boot. */
    static void onBoot(Machine m) {
        String next = m.read(NEXT_KERNEL).strip();
        if (!next.isEmpty()) {
            m.writeKernel(next);
            m.delete(NEXT_KERNEL);
        }
    }

    private static List<String> mapPackages(List<String> source, Target t, String kernel, boolean majorChange, String arch) {
        Map<String, Nevra> targetBuilds = new LinkedHashMap<>();
        if (majorChange) {
            for (String line : RealHostListings.packages(RealHostListings.CENTOS8)) {
                Nevra n = Nevra.parse(line);
                if (!n.version().isEmpty()) {
                    targetBuilds.put(n.name(), retag(n, "el8", t.dist(), arch));
                }
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (String line : source) {
            Nevra n = Nevra.parse(line);
            String name = n.name();
            if (isRelease(name) || (name.equals("kernel") && majorChange) || majorChange && (name.startsWith("kernel-")
                    || name.startsWith("yum-plugin-") || name.equals("yum-metadata-parser"))) {
                continue;
            }
            if (majorChange && targetBuilds.containsKey(name)) {
                out.add(targetBuilds.get(name).toString());
            } else if (!majorChange && isDistributionBuild(n)) {
                out.add(retag(n, n.release().contains(".el") ? "el" + t.major() : "", t.dist(), arch).toString());
            } else {
                out.add(line); // third-party or without an equivalent: left as it was
            }
        }
        if (majorChange) {
            for (String core : new String[] {"dnf", "dnf-data", "libdnf", "python3-dnf", "python3-libs", "platform-python", "rpm", "yum"}) {
                Nevra n = targetBuilds.get(core);
                if (n != null) {
                    out.add(n.toString());
                }
            }
        }
        out.add("kernel-" + kernel);
        out.add(t.releasePackage() + "." + arch);
        return new ArrayList<>(out);
    }

    private static boolean isRelease(String name) {
        return name.equals("centos-release") || name.startsWith("redhat-release") || name.equals("alinux-release")
                || name.equals("anolis-release") || name.equals("centos-linux-release") || name.equals("centos-repos");
    }

    private static boolean isDistributionBuild(Nevra n) {
        return n.release().matches(".*\\.(el|al|an)[0-9].*");
    }

    private static Nevra retag(Nevra n, String from, String to, String arch) {
        String release = from.isEmpty() || from.equals(to) ? n.release()
                : n.release().replace("." + from + ".centos", "." + to).replace("." + from, "." + to);
        String a = "x86_64".equals(n.arch()) ? arch : n.arch();
        return new Nevra(n.name(), n.version(), release, a);
    }

    private static JsonNode load() {
        try (InputStream in = Destinations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
