package io.osmigration.simulator.guest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.osmigration.simulator.RealHostListings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The network outside the instances, as {@code world/repositories.json} describes it: which yum
 * repositories answer at which URLs and what they hold, which files can be downloaded, and what
 * installing a package brings along (commands, repositories, the Leapp vendor, a conversion).
 */
public final class World {

    private static final String RESOURCE = "io/osmigration/simulator/world/repositories.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final World INSTANCE = load();

    /** How a repository URL answers. */
    public enum Status { OK, NOT_FOUND, UNRESOLVABLE, UNREACHABLE }

    /**
     * A package a repository offers.
     *
     * @param provides    capability names it satisfies besides its own name ({@code leapp-upgrade})
     * @param tools       commands it puts on the PATH ({@code leapp}, {@code convert2rhel})
     * @param leappVendor the Leapp vendor data it carries ({@code almalinux}, {@code rhel}, ...)
     * @param conversion  the destination its conversion tool produces ({@code anolis7})
     */
    public record Package(Nevra nevra, Set<String> provides, List<String> requires, List<String> tools,
                          String leappVendor, String conversion) {

        public String name() {
            return nevra.name();
        }

        boolean satisfies(String capability) {
            return nevra.name().equals(capability) || provides.contains(capability) || nevra.toString().equals(capability)
                    || (nevra.name() + "." + nevra.arch()).equals(capability);
        }
    }

    /** Whether the repository at {@code url} answers this guest: reachable, not broken by a fault, its tree there. */
    public boolean reachable(String url, Guest guest) {
        return guest.brokenRepos().stream().noneMatch(url::contains) && repository(url, guest).status() == Status.OK;
    }

    /** A downloadable file: plain content, or an RPM that writes files when installed. */
    public record File(Pattern match, String content, String rpm, Map<String, String> writes) {
    }

    record RepoRule(Pattern match, Status status, String listing, List<Package> packages) {
    }

    private final List<RepoRule> repositories;
    private final List<File> files;
    private final Map<String, Package> byName;
    private final Map<String, Package> byBuild;

    private World(List<RepoRule> repositories, List<File> files) {
        this.repositories = repositories;
        this.files = files;
        Map<String, Package> m = new LinkedHashMap<>();
        repositories.forEach(r -> r.packages().forEach(p -> m.putIfAbsent(p.name(), p)));
        this.byName = m;
        Map<String, Package> b = new LinkedHashMap<>();
        repositories.forEach(r -> r.packages().forEach(p -> b.putIfAbsent(p.nevra().toString(), p)));
        this.byBuild = b;
    }

    /** The description of exactly this build ({@code rpm -qa} line), if a repository offers it. */
    public Optional<Package> knownBuild(String nevra) {
        return Optional.ofNullable(byBuild.get(nevra));
    }

    public static World get() {
        return INSTANCE;
    }

    /** How the repository at {@code url} answers this guest, and what it holds when it does. */
    public Answer repository(String url, Guest guest) {
        if (!guest.internet() && !isInternal(url)) {
            return new Answer(Status.UNREACHABLE, List.of());
        }
        for (RepoRule r : repositories) {
            if (r.match().matcher(url).find()) {
                return new Answer(r.status(), r.status() == Status.OK ? r.packages() : List.of());
            }
        }
        // A repository we know nothing about (a company mirror, a vendor's repo): it answers, with nothing we model.
        return new Answer(Status.OK, List.of());
    }

    /** What a repository URL gave: its status and its packages. */
    public record Answer(Status status, List<Package> packages) {
    }

    /** What installing this package writes besides its rpm database entry (e.g. a release package's .repo file). */
    public List<File> filesOfRpm(String nevra) {
        return files.stream().filter(f -> nevra.equals(f.rpm()) && !f.writes().isEmpty()).toList();
    }

    public Optional<File> file(String url) {
        return files.stream().filter(f -> f.match().matcher(url).find()).findFirst();
    }

    /** The description of a package by name, if any repository offers it. */
    public Optional<Package> known(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Package> knownPackages() {
        return byName.values();
    }

    /** Alibaba Cloud's endpoints inside a VPC ({@code mirrors.cloud.aliyuncs.com}) need no internet access. */
    public static boolean isInternal(String url) {
        String host = host(url);
        return host.endsWith(".aliyuncs.com") || host.equals("100.100.100.200");
    }

    public static String host(String url) {
        try {
            String h = URI.create(url.replace("$", "%24")).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static List<Package> contents(RepoRule r) {
        if (r.listing() == null) {
            return r.packages();
        }
        List<Package> all = new ArrayList<>(r.packages());
        Set<String> seen = new LinkedHashSet<>();
        r.packages().forEach(p -> seen.add(p.name()));
        List<String> listings = "el8".equals(r.listing()) ? List.of(RealHostListings.CENTOS8)
                : List.of(RealHostListings.CENTOS7_SERVER, RealHostListings.RHEL72_SERVER);
        for (String listing : listings) {
            for (String line : RealHostListings.packages(listing)) {
                Nevra n = Nevra.parse(line);
                if (!n.version().isEmpty() && seen.add(n.name())) {
                    all.add(new Package(n, Set.of(), List.of(), List.of(), null, null));
                }
            }
        }
        return all;
    }

    private static World load() {
        try (InputStream in = World.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + RESOURCE);
            }
            JsonNode root = MAPPER.readTree(in);
            List<RepoRule> repos = new ArrayList<>();
            for (JsonNode r : root.path("repositories")) {
                List<Package> pkgs = new ArrayList<>();
                for (JsonNode p : r.path("packages")) {
                    pkgs.add(parsePackage(p.asString()));
                }
                RepoRule rule = new RepoRule(Pattern.compile(r.path("match").asString()), status(r.path("status").asString()),
                        r.path("listing").isMissingNode() ? null : r.path("listing").asString(), List.copyOf(pkgs));
                repos.add(new RepoRule(rule.match(), rule.status(), rule.listing(), List.copyOf(contents(rule))));
            }
            List<File> files = new ArrayList<>();
            for (JsonNode f : root.path("files")) {
                Map<String, String> writes = new LinkedHashMap<>();
                f.path("writes").properties().forEach(e -> writes.put(e.getKey(), e.getValue().asString()));
                files.add(new File(Pattern.compile(f.path("match").asString()),
                        f.path("content").isMissingNode() ? null : f.path("content").asString(),
                        f.path("rpm").isMissingNode() ? null : f.path("rpm").asString(), Map.copyOf(writes)));
            }
            return new World(List.copyOf(repos), List.copyOf(files));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // "name-v-r.arch tools=a,b requires=x,y provides=p leapp-vendor=v conversion=c"
    static Package parsePackage(String spec) {
        String[] parts = spec.trim().split("\\s+");
        Set<String> provides = new LinkedHashSet<>();
        List<String> requires = new ArrayList<>();
        List<String> tools = new ArrayList<>();
        String vendor = null;
        String conversion = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            List<String> values = List.of(kv[1].split(","));
            switch (kv[0]) {
                case "provides" -> provides.addAll(values);
                case "requires" -> requires.addAll(values);
                case "tools" -> tools.addAll(values);
                case "leapp-vendor" -> vendor = kv[1];
                case "conversion" -> conversion = kv[1];
                default -> throw new IllegalStateException("Unknown package attribute " + kv[0] + " in " + spec);
            }
        }
        return new Package(Nevra.parse(parts[0]), Set.copyOf(provides), List.copyOf(requires), List.copyOf(tools), vendor, conversion);
    }

    private static Status status(String s) {
        return switch (s) {
            case "ok" -> Status.OK;
            case "404" -> Status.NOT_FOUND;
            case "dns" -> Status.UNRESOLVABLE;
            default -> throw new IllegalStateException("Unknown repository status " + s);
        };
    }
}
