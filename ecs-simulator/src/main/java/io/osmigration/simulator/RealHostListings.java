package io.osmigration.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.osmigration.simulator.guest.Nevra;

/**
 * Real package and module listings of real servers (copied line for line from public text, see
 * {@code world/hosts/SOURCES.md}), and larger hosts built from them. Fleet files name them in
 * {@code packagesFile} / {@code modulesFile}; tests of other modules may use this class to build fleets.
 */
public final class RealHostListings {

    /** {@code rpm -qa} of a CentOS 7 cloud server (7.8 base, 7.9 updates), 386 packages. */
    public static final String CENTOS7_SERVER = "centos7-server";
    /** {@code rpm -qa} of a CentOS Linux 8.1 server, 403 packages. */
    public static final String CENTOS8 = "centos8";
    /** {@code rpm -qa} of a RHEL 7.2 server with a developer toolchain, 432 packages. */
    public static final String RHEL72_SERVER = "rhel72-server";
    /** {@code lsmod} of a CentOS 7.7 KVM guest: 89 modules, {@code floppy} and {@code pata_acpi} among them. */
    public static final String LSMOD_CENTOS7 = "lsmod-centos7";

    private static final String BASE = "io/osmigration/simulator/world/hosts/";
    private static final Set<String> PACKAGE_LISTINGS = Set.of(CENTOS7_SERVER, CENTOS8, RHEL72_SERVER);
    // Sub-packages that real distributions build from one source package; used to grow a listing.
    private static final String[] SUBPACKAGES = {"-devel", "-libs", "-doc", "-tools", "-common", "-static", "-utils", "-data"};

    private RealHostListings() {
    }

    public static boolean isPackageListing(String name) {
        return PACKAGE_LISTINGS.contains(name);
    }

    public static boolean isModuleListing(String name) {
        return LSMOD_CENTOS7.equals(name);
    }

    /** The {@code rpm -qa} lines of a bundled listing, in their original order. */
    public static List<String> packages(String listing) {
        if (!isPackageListing(listing)) {
            throw new IllegalArgumentException("Unknown package listing '" + listing + "'; known: " + PACKAGE_LISTINGS);
        }
        return lines(listing);
    }

    /** A bundled {@code lsmod} listing turned into {@code /proc/modules} lines. */
    public static List<String> modules(String listing) {
        if (!isModuleListing(listing)) {
            throw new IllegalArgumentException("Unknown module listing '" + listing + "'; known: [" + LSMOD_CENTOS7 + "]");
        }
        return fromLsmod(lines(listing));
    }

    /**
     * Turns {@code lsmod} output (header "Module Size Used by") into {@code /proc/modules} lines;
     * lines that already look like {@code /proc/modules} are kept as they are.
     */
    public static List<String> fromLsmod(List<String> lsmod) {
        List<String> out = new ArrayList<>();
        long address = 0xffffffffc0200000L;
        for (String raw : lsmod) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("Module ")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length >= 5 && f[f.length - 2].startsWith("0x") || line.contains(" Live ")) {
                out.add(line);
                continue;
            }
            String deps = f.length >= 4 ? f[3] + "," : "-";
            out.add(f[0] + " " + f[1] + " " + (f.length >= 3 ? f[2] : "0") + " " + deps + " Live 0x" + Long.toHexString(address));
            address += 0x8000L;
        }
        return out;
    }

    /**
     * A bigger server built from a real listing: the real packages first, then sub-packages that
     * real distributions build from the same sources ({@code -devel}, {@code -libs}, ...), same
     * version and architecture, until {@code count} packages; the order is shuffled with
     * {@code seed} the way {@code rpm -qa} prints the rpmdb (not sorted).
     */
    public static List<String> grown(List<String> base, int count, long seed) {
        Set<String> names = new LinkedHashSet<>();
        List<String> result = new ArrayList<>(base);
        for (String p : base) {
            names.add(Nevra.name(p));
        }
        for (int round = 0; result.size() < count && round < SUBPACKAGES.length; round++) {
            for (String p : base) {
                if (result.size() >= count) {
                    break;
                }
                String name = Nevra.name(p);
                if (name.endsWith(SUBPACKAGES[round]) || name.equals(p)) {
                    continue;
                }
                String derived = name + SUBPACKAGES[round];
                if (names.add(derived)) {
                    result.add(derived + p.substring(name.length()));
                }
            }
        }
        if (result.size() < count) {
            throw new IllegalArgumentException("Cannot grow a listing of " + base.size() + " packages to " + count);
        }
        List<String> shuffled = new ArrayList<>(result.subList(0, count));
        Collections.shuffle(shuffled, new Random(seed));
        return shuffled;
    }

    /** The same listing as another distribution of the same major version builds it ({@code .el7} to {@code .al7}). */
    static List<String> retagged(List<String> packages, Map<String, String> distTags) {
        List<String> out = new ArrayList<>(packages.size());
        for (String p : packages) {
            String q = p;
            for (Map.Entry<String, String> e : distTags.entrySet()) {
                q = q.replace(e.getKey(), e.getValue());
            }
            out.add(q);
        }
        return out;
    }

    private static final Map<String, List<String>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<String> lines(String listing) {
        return CACHE.computeIfAbsent(listing, RealHostListings::load);
    }

    private static List<String> load(String listing) {
        String resource = BASE + listing.toLowerCase(Locale.ROOT) + ".txt";
        try (InputStream in = RealHostListings.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing listing resource " + resource);
            }
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String t = l.strip();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
