package io.osmigration.simulator.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * yum (EL7: yum 3), dnf / yum (EL8: dnf 4), yum-config-manager and dnf config-manager over the
 * instance's repository files and the {@link World}. What a real one does that scripts trip over:
 * <ul>
 *   <li>every enabled repository's metadata is fetched before install, update, makecache and (yum 3)
 *       repolist; one that cannot be fetched fails the whole command with exit 1 unless the
 *       repository says {@code skip_if_unavailable} (yum 3: {@code skip_if_unavailable=0} is the
 *       EL7 default; dnf on EL8: {@code skip_if_unavailable=False} is the default);</li>
 *   <li>without {@code -y} the transaction prompt reads stdin, which is at end of file under Cloud
 *       Assistant: yum 3 answers "Exiting on user command", dnf "Operation aborted", exit 1;</li>
 *   <li>a missing dependency fails the transaction and installs nothing;</li>
 *   <li>yum 3 installs what it finds and reports "No package X available." for the rest (exit 0
 *       if anything was installed, "Error: Nothing to do" with exit 1 otherwise); dnf refuses the
 *       whole request ("Error: Unable to find a match"), exit 1.</li>
 * </ul>
 * Installing a package puts its commands on the PATH ({@code leapp}, {@code convert2rhel},
 * {@code centos2anolis.py}) and, for release packages, writes their repository files.
 */
final class Yum {

    private final Guest guest;
    private final Machine machine;
    private final World world = World.get();
    private final boolean dnf;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    Yum(Guest guest) {
        this.guest = guest;
        this.machine = new Machine(guest.root());
        // EL8's yum is dnf (yum-4.x is a symlink to dnf-3): same behaviour whichever name is used.
        this.dnf = !machine.major().isEmpty() && Character.isDigit(machine.major().charAt(0)) && Integer.parseInt(machine.major()) >= 8
                && !("alinux".equals(machine.osId()) && "2".equals(machine.major()));
    }

    ToolResult run(ToolCall call) {
        if ("yum-config-manager".equals(call.argv0())) {
            return configManager(call.args(), true);
        }
        Options o = Options.parse(call.args());
        if (o.command == null) {
            return ToolResult.fail(1, "", dnf ? "usage: dnf [options] COMMAND\n" : "Usage: yum [options] COMMAND\n\nYou need to give some command\n");
        }
        return switch (o.command) {
            case "install", "reinstall", "localinstall" -> install(o);
            case "remove", "erase", "autoremove" -> remove(o);
            case "update", "upgrade", "update-minimal", "distro-sync", "distribution-synchronization" -> update(o);
            case "check-update" -> withMetadata(o, repos -> ToolResult.ok(header()));
            case "makecache" -> withMetadata(o, repos -> ToolResult.ok(header() + (dnf ? "Metadata cache created.\n" : "Metadata Cache Created\n")));
            case "clean" -> clean(o);
            case "repolist" -> repolist(o);
            case "list" -> list(o);
            case "info", "search", "provides", "whatprovides", "deplist" -> withMetadata(o, repos -> ToolResult.ok(header()));
            case "config-manager" -> dnf ? configManager(o.names, false)
                    : ToolResult.fail(1, "", "No such command: config-manager. Please use /usr/bin/yum --help\n");
            case "history", "groups", "group", "module", "repoinfo", "help", "version" -> ToolResult.ok(header());
            default -> ToolResult.fail(1, "", dnf ? "No such command: " + o.command + ". Please use /usr/bin/dnf --help\n"
                    : "No such command: " + o.command + ". Please use /usr/bin/yum --help\n");
        };
    }

    // ---- metadata --------------------------------------------------------------------------

    private interface WithRepos {
        ToolResult apply(List<Loaded> repos);
    }

    record Loaded(RepoConfig config, List<World.Package> packages) {
    }

    private ToolResult withMetadata(Options o, WithRepos body) {
        List<Loaded> loaded = new ArrayList<>();
        for (RepoConfig r : enabled(o)) {
            Failure f = fetch(r);
            if (f == null) {
                loaded.add(new Loaded(r, world.repository(r.urls().isEmpty() ? "" : r.urls().get(0), guest).packages()));
                continue;
            }
            if (r.skipIfUnavailable() || o.skipUnavailable) {
                err.append(dnf ? "Ignoring repositories: " + r.id() + "\n" : "Skipping unavailable repository " + r.id() + "\n");
                continue;
            }
            return ToolResult.fail(1, out.toString(), err + failureText(r, f));
        }
        return body.apply(loaded);
    }

    private record Failure(String url, World.Status status) {
    }

    private Failure fetch(RepoConfig r) {
        for (String broken : guest.brokenRepos()) {
            if (r.id().equals(broken) || r.urls().stream().anyMatch(u -> u.contains(broken))) {
                return new Failure(r.urls().isEmpty() ? r.id() : r.urls().get(0), World.Status.NOT_FOUND);
            }
        }
        if (r.urls().isEmpty()) {
            return new Failure("", World.Status.NOT_FOUND);
        }
        Failure last = null;
        for (String url : r.urls()) {
            World.Status s = world.repository(url, guest).status();
            if (s == World.Status.OK) {
                return null;
            }
            last = new Failure(url, s);
        }
        return last;
    }

    // The messages yum 3 (urlgrabber) and dnf (librepo) print when repomd.xml cannot be fetched.
    private String failureText(RepoConfig r, Failure f) {
        String url = f.url();
        String repomd = url.contains("mirrorlist") || url.contains("metalink") ? url
                : (url.endsWith("/") ? url : url + "/") + "repodata/repomd.xml";
        String why = switch (f.status()) {
            case UNRESOLVABLE -> dnf ? "Curl error (6): Couldn't resolve host name for " + url + " [Could not resolve host: " + World.host(url) + "]"
                    : "[Errno 14] curl#6 - \"Could not resolve host: " + World.host(url) + "; Unknown error\"";
            case UNREACHABLE -> dnf ? "Curl error (7): Couldn't connect to server for " + url + " [Failed to connect to " + World.host(url) + " port 443: Connection timed out]"
                    : "[Errno 14] curl#7 - \"Failed connect to " + World.host(url) + ":443; Connection timed out\"";
            default -> dnf ? "Status code: 404 for " + repomd : "[Errno 14] HTTP Error 404 - Not Found";
        };
        if (dnf) {
            return "Errors during downloading metadata for repository '" + r.id() + "':\n  - " + why + "\n"
                    + "Error: Failed to download metadata for repo '" + r.id() + "': Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried\n";
        }
        String head = url.contains("mirrorlist") ? "Could not retrieve mirrorlist " + url + " error was\n" + why.replace("[Errno ", "").replace("]", ":") + "\n\n" : "";
        return head
                + "\n\n One of the configured repositories failed (" + r.name() + "),\n"
                + " and yum doesn't have enough cached data to continue. At this point the only\n"
                + " safe thing yum can do is fail. There are a few ways to work \"fix\" this:\n\n"
                + "     1. Contact the upstream for the repository and get them to fix the problem.\n\n"
                + "     2. Reconfigure the baseurl/etc. for the repository, to point to a working\n"
                + "        upstream. This is most often useful if you are using a newer\n"
                + "        distribution release than is supported by the repository (and the\n"
                + "        packages for the previous distribution release still work).\n\n"
                + "     3. Run the command with the repository temporarily disabled\n"
                + "            yum --disablerepo=" + r.id() + " ...\n\n"
                + "     4. Disable the repository permanently, so yum won't use it by default. Yum\n"
                + "        will then just ignore the repository until you permanently enable it\n"
                + "        again or use --enablerepo for temporary usage:\n\n"
                + "            yum-config-manager --disable " + r.id() + "\n"
                + "        or\n"
                + "            subscription-manager repos --disable=" + r.id() + "\n\n"
                + "     5. Configure the failing repository to be skipped, if it is unavailable.\n"
                + "        Note that yum will try to contact the repo. when it runs most commands,\n"
                + "        so will have to try and fail each time (and thus. yum will be be much\n"
                + "        slower). If it is a very temporary problem though, this is often a nice\n"
                + "        compromise:\n\n"
                + "            yum-config-manager --save --setopt=" + r.id() + ".skip_if_unavailable=true\n\n"
                + (url.contains("mirrorlist") ? "Cannot find a valid baseurl for repo: " + r.id() + "\n"
                        : "failure: repodata/repomd.xml from " + r.id() + ": [Errno 256] No more mirrors to try.\n" + repomd + ": " + why + "\n");
    }

    private List<RepoConfig> enabled(Options o) {
        List<RepoConfig> result = new ArrayList<>();
        for (RepoConfig r : RepoConfig.read(machine.root(), machine.releasever(), machine.arch())) {
            boolean on = r.enabled();
            for (String d : o.disable) {
                if (glob(d, r.id())) {
                    on = false;
                }
            }
            for (String e : o.enable) {
                if (glob(e, r.id())) {
                    on = true;
                }
            }
            if (on) {
                result.add(r);
            }
        }
        return result;
    }

    private static boolean glob(String pattern, String id) {
        return id.matches(pattern.replace(".", "\\.").replace("*", ".*").replace("?", "."));
    }

    private String header() {
        return dnf ? "" : "Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\n";
    }

    // ---- install ---------------------------------------------------------------------------

    private ToolResult install(Options o) {
        if (o.names.isEmpty()) {
            return ToolResult.fail(1, header(), dnf ? "Error: Need to pass a list of pkgs to install\n" : "Error: Need to pass a list of pkgs to install\n");
        }
        return withMetadata(o, repos -> {
            out.append(header());
            Map<String, Candidate> picked = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            List<World.File> rpmFiles = new ArrayList<>();
            int skipped = 0;
            for (String arg : o.names) {
                if (arg.matches("https?://.*") || arg.endsWith(".rpm")) {
                    Optional<World.File> f = arg.matches("https?://.*") ? world.file(arg) : Optional.empty();
                    boolean reachable = arg.matches("https?://.*") && (guest.internet() || World.isInternal(arg));
                    if (f.isEmpty() || f.get().rpm() == null || !reachable) {
                        if (dnf) {
                            return ToolResult.fail(1, out.toString(), err + "Curl error (6): Couldn't resolve host name for " + arg + "\n"
                                    + "Error: Failed to download packages: Cannot download " + arg + ": All mirrors were tried\n");
                        }
                        out.append("Cannot open: ").append(arg).append(". Skipping.\n");
                        skipped++;
                        continue;
                    }
                    Nevra n = Nevra.parse(f.get().rpm());
                    if (machine.installed(n.name())) {
                        out.append("Examining ").append(arg).append(": ").append(n).append("\n")
                                .append(arg).append(": does not update installed package.\n");
                        continue;
                    }
                    rpmFiles.add(f.get());
                    picked.put(n.name(), new Candidate(new World.Package(n, Set.of(), List.of(), List.of(), null, null), "/" + n, false));
                    continue;
                }
                Candidate c = find(repos, arg);
                if (c == null) {
                    missing.add(arg);
                } else if (installedSatisfies(arg)) {
                    out.append(dnf ? "Package " + installedFor(arg) + " is already installed.\n"
                            : "Package " + installedFor(arg) + " already installed and latest version\n");
                } else {
                    picked.put(c.pkg().name(), c);
                }
            }
            if (!missing.isEmpty() && dnf) {
                StringBuilder m = new StringBuilder();
                missing.forEach(x -> m.append("No match for argument: ").append(x).append("\n"));
                return ToolResult.fail(1, out + m.toString(), "Error: Unable to find a match: " + String.join(" ", missing) + "\n");
            }
            missing.forEach(x -> out.append("No package ").append(x).append(" available.\n"));
            if (picked.isEmpty()) {
                if (dnf) {
                    out.append("Dependencies resolved.\nNothing to do.\nComplete!\n");
                    return ToolResult.ok(out.toString());
                }
                // yum 3: nothing installed because nothing was found is an error; everything already installed is not
                return missing.isEmpty() && skipped == 0 ? ToolResult.ok(out + "Nothing to do\n")
                        : ToolResult.fail(1, out.toString(), "Error: Nothing to do\n");
            }
            Map<String, Candidate> deps = new LinkedHashMap<>();
            String broken = resolve(repos, picked, deps);
            if (broken != null) {
                return ToolResult.fail(1, out.toString(), broken);
            }
            if (!o.assumeYes) {
                out.append(summary(picked, deps, "Install")).append(dnf ? "Is this ok [y/N]: " : "Is this ok [y/d/N]: ");
                return ToolResult.fail(1, out.toString(), dnf ? "Operation aborted.\n" : "Exiting on user command\nYour transaction was saved, rerun it with:\n yum load-transaction /tmp/yum_save_tx.yumtx\n");
            }
            out.append(summary(picked, deps, "Install"));
            List<String> db = new ArrayList<>(machine.packages());
            List<Candidate> all = new ArrayList<>(picked.values());
            all.addAll(deps.values());
            for (Candidate c : all) {
                db.add(c.pkg().nevra().toString());
            }
            machine.writePackages(db);
            for (World.File f : rpmFiles) {
                f.writes().forEach(machine::write);
            }
            for (Candidate c : all) {
                world.filesOfRpm(c.pkg().nevra().toString()).forEach(f -> f.writes().forEach(machine::write));
            }
            for (Candidate c : all) {
                c.pkg().tools().forEach(guest::installCommand);
            }
            out.append(dnf ? "\nInstalled:\n" : "\nInstalled:\n");
            picked.values().forEach(c -> out.append("  ").append(display(c.pkg().nevra())).append("\n"));
            if (!deps.isEmpty()) {
                out.append(dnf ? "" : "\nDependency Installed:\n");
                deps.values().forEach(c -> out.append("  ").append(display(c.pkg().nevra())).append("\n"));
            }
            out.append("\nComplete!\n");
            return ToolResult.ok(out.toString());
        });
    }

    private record Candidate(World.Package pkg, String repo, boolean dependency) {
    }

    private Candidate find(List<Loaded> repos, String capability) {
        for (Loaded r : repos) {
            for (World.Package p : r.packages()) {
                if (p.satisfies(capability)) {
                    return new Candidate(p, r.config().id(), false);
                }
            }
        }
        return null;
    }

    private boolean installedSatisfies(String capability) {
        return installedFor(capability) != null;
    }

    private String installedFor(String capability) {
        for (String line : machine.packages()) {
            Nevra n = Nevra.parse(line);
            if (n.name().equals(capability) || line.equals(capability) || (n.name() + "." + n.arch()).equals(capability)) {
                return line;
            }
            Optional<World.Package> known = world.known(n.name());
            if (known.isPresent() && known.get().provides().contains(capability)) {
                return line;
            }
        }
        return null;
    }

    // Adds the dependencies of the picked packages; returns yum's or dnf's error text if one is missing.
    private String resolve(List<Loaded> repos, Map<String, Candidate> picked, Map<String, Candidate> deps) {
        List<Candidate> queue = new ArrayList<>(picked.values());
        for (int i = 0; i < queue.size(); i++) {
            Candidate c = queue.get(i);
            for (String req : c.pkg().requires()) {
                if (installedSatisfies(req) || satisfiedBy(picked, req) || satisfiedBy(deps, req)) {
                    continue;
                }
                Candidate d = find(repos, req);
                if (d == null) {
                    if (dnf) {
                        return "Error: \n Problem: conflicting requests\n  - nothing provides " + req + " needed by "
                                + c.pkg().nevra() + "\n(try to add '--skip-broken' to skip uninstallable packages or '--nobest' to use not only best candidate packages)\n";
                    }
                    return "Error: Package: " + c.pkg().nevra() + " (" + c.repo() + ")\n           Requires: " + req + "\n"
                            + " You could try using --skip-broken to work around the problem\n"
                            + " You could try running: rpm -Va --nofiles --nodigest\n";
                }
                Candidate dep = new Candidate(d.pkg(), d.repo(), true);
                deps.put(d.pkg().name(), dep);
                queue.add(dep);
            }
        }
        return null;
    }

    private static boolean satisfiedBy(Map<String, Candidate> set, String capability) {
        return set.values().stream().anyMatch(c -> c.pkg().satisfies(capability));
    }

    private String summary(Map<String, Candidate> picked, Map<String, Candidate> deps, String verb) {
        StringBuilder sb = new StringBuilder();
        if (!dnf) {
            sb.append("Resolving Dependencies\n--> Running transaction check\n");
            for (Candidate c : picked.values()) {
                sb.append("---> Package ").append(c.pkg().name()).append('.').append(c.pkg().nevra().arch()).append(" 0:")
                        .append(c.pkg().nevra().evr()).append(" will be installed\n");
            }
            sb.append("--> Finished Dependency Resolution\n\nDependencies Resolved\n\n");
        } else {
            sb.append("Dependencies resolved.\n");
        }
        String rule = "=".repeat(dnf ? 80 : 90) + "\n";
        sb.append(rule).append(String.format(" %-40s %-8s %-26s %-14s%n", "Package", "Arch", "Version", "Repository")).append(rule);
        sb.append(verb).append("ing:\n");
        picked.values().forEach(c -> sb.append(row(c)));
        if (!deps.isEmpty()) {
            sb.append(verb).append("ing dependencies:\n".replace("ing dependencies", dnf ? "ing dependencies" : "ing for dependencies"));
            deps.values().forEach(c -> sb.append(row(c)));
        }
        sb.append("\nTransaction Summary\n").append(rule);
        int n = picked.size();
        sb.append(verb).append("  ").append(n).append(n == 1 ? " Package" : " Packages");
        if (!deps.isEmpty()) {
            sb.append(" (+").append(deps.size()).append(" Dependent package").append(deps.size() == 1 ? ")" : "s)");
        }
        sb.append("\n\n");
        return sb.toString();
    }

    private static String row(Candidate c) {
        Nevra n = c.pkg().nevra();
        return String.format(" %-40s %-8s %-26s %-14s%n", n.name(), n.arch(), n.evr(), c.repo());
    }

    private String display(Nevra n) {
        return dnf ? n.toString() : n.name() + "." + n.arch() + " 0:" + n.evr();
    }

    // ---- remove, update, clean, repolist, list ----------------------------------------------

    private ToolResult remove(Options o) {
        List<String> db = new ArrayList<>(machine.packages());
        List<String> removed = new ArrayList<>();
        StringBuilder s = new StringBuilder(header());
        for (String arg : o.names) {
            boolean hit = false;
            for (String line : new ArrayList<>(db)) {
                Nevra n = Nevra.parse(line);
                if (n.name().equals(arg) || line.equals(arg) || (n.name() + "." + n.arch()).equals(arg) || glob(arg, n.name())) {
                    db.remove(line);
                    removed.add(line);
                    hit = true;
                }
            }
            if (!hit) {
                s.append(dnf ? "No match for argument: " : "No Match for argument: ").append(arg).append("\n");
            }
        }
        if (removed.isEmpty()) {
            return dnf ? ToolResult.fail(1, s.toString(), "Error: No packages marked for removal.\n")
                    : ToolResult.ok(s + "No Packages marked for removal\n");
        }
        if (!o.assumeYes) {
            return ToolResult.fail(1, s + "Is this ok [y/N]: ", dnf ? "Operation aborted.\n" : "Exiting on user command\n");
        }
        machine.writePackages(db);
        s.append("\nRemoved:\n");
        for (String line : removed) {
            s.append("  ").append(display(Nevra.parse(line))).append("\n");
            world.known(Nevra.name(line)).ifPresent(p -> p.tools().forEach(guest::removeCommand));
        }
        return ToolResult.ok(s + "\nComplete!\n");
    }

    private ToolResult update(Options o) {
        return withMetadata(o, repos -> ToolResult.ok(header() + (dnf ? "Dependencies resolved.\nNothing to do.\nComplete!\n"
                : "No packages marked for update\n")));
    }

    private ToolResult clean(Options o) {
        StringBuilder s = new StringBuilder(dnf ? "" : "Loaded plugins: fastestmirror\n");
        List<String> ids = enabled(o).stream().map(RepoConfig::id).toList();
        if (dnf) {
            s.append("0 files removed\n");
        } else {
            s.append("Cleaning repos: ").append(String.join(" ", ids)).append("\nCleaning up list of fastest mirrors\n");
        }
        return ToolResult.ok(s.toString());
    }

    private ToolResult repolist(Options o) {
        String which = o.names.isEmpty() ? "enabled" : o.names.get(0);
        List<RepoConfig> all = RepoConfig.read(machine.root(), machine.releasever(), machine.arch());
        if (dnf) {
            // dnf 4's repolist lists the configuration; it does not download metadata.
            StringBuilder s = new StringBuilder(String.format("%-40s %s%n", "repo id", "repo name"));
            List<RepoConfig> on = enabled(o);
            for (RepoConfig r : all) {
                boolean enabled = on.contains(r);
                if ("all".equals(which) || "enabled".equals(which) == enabled) {
                    s.append(String.format("%-40s %s%s%n", r.id(), r.name(), "all".equals(which) ? (enabled ? " enabled" : " disabled") : ""));
                }
            }
            return ToolResult.ok(s.toString());
        }
        if ("disabled".equals(which)) {
            StringBuilder s = new StringBuilder(header()).append(String.format("%-40s %s%n", "repo id", "repo name"));
            all.stream().filter(r -> !enabled(o).contains(r)).forEach(r -> s.append(String.format("%-40s %s%n", r.id(), r.name())));
            return ToolResult.ok(s + "repolist: 0\n");
        }
        return withMetadata(o, repos -> {
            StringBuilder s = new StringBuilder(header()).append(String.format("%-40s %-40s %s%n", "repo id", "repo name", "status"));
            long total = 0;
            for (Loaded r : repos) {
                int count = Math.max(r.packages().size(), 1) * 13;
                total += count;
                s.append(String.format("%-40s %-40s %,d%n", r.config().id() + "/" + machine.releasever() + "/" + machine.arch(), r.config().name(), count));
            }
            if ("all".equals(which)) {
                all.stream().filter(r -> !enabled(o).contains(r)).forEach(r -> s.append(String.format("%-40s %-40s %s%n", r.id(), r.name(), "disabled")));
            }
            return ToolResult.ok(s + String.format("repolist: %,d%n", total));
        });
    }

    private ToolResult list(Options o) {
        boolean installedOnly = o.names.isEmpty() || "installed".equals(o.names.get(0));
        StringBuilder s = new StringBuilder(header()).append("Installed Packages\n");
        for (String line : machine.packages()) {
            Nevra n = Nevra.parse(line);
            if (n.version().isEmpty()) {
                continue;
            }
            s.append(String.format("%-45s %-30s %s%n", n.name() + "." + n.arch(), n.evr(), "@anaconda"));
        }
        return installedOnly ? ToolResult.ok(s.toString()) : withMetadata(o, repos -> ToolResult.ok(s.toString()));
    }

    // ---- config-manager --------------------------------------------------------------------

    private ToolResult configManager(List<String> args, boolean yumUtils) {
        StringBuilder s = new StringBuilder(yumUtils ? "Loaded plugins: fastestmirror\n" : "");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.size() ? args.get(i + 1) : "";
            String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            boolean consumed = !a.contains("=");
            switch (key) {
                case "--enable", "--set-enabled" -> setEnabled(value, true, s);
                case "--disable", "--set-disabled" -> setEnabled(value, false, s);
                case "--add-repo", "--addrepo" -> {
                    ToolResult r = addRepo(value, s);
                    if (r != null) {
                        return r;
                    }
                }
                case "--setopt" -> setopt(value);
                default -> consumed = false;
            }
            if (consumed) {
                i++;
            }
        }
        return ToolResult.ok(s.toString());
    }

    private void setEnabled(String ids, boolean on, StringBuilder s) {
        for (String id : ids.split(",")) {
            if (!RepoFiles.setOption(machine, id.strip(), "enabled", on ? "1" : "0")) {
                s.append(dnf ? "Error: No matching repo to modify: " : "No matching repo to modify: ").append(id).append(".\n");
            }
        }
    }

    private void setopt(String spec) {
        int eq = spec.indexOf('=');
        int dot = spec.lastIndexOf('.', eq);
        if (eq > 0 && dot > 0) {
            String repos = spec.substring(0, dot);
            for (RepoConfig r : RepoConfig.read(machine.root(), machine.releasever(), machine.arch())) {
                if (glob(repos, r.id())) {
                    RepoFiles.setOption(machine, r.id(), spec.substring(dot + 1, eq), spec.substring(eq + 1));
                }
            }
        }
    }

    private ToolResult addRepo(String url, StringBuilder s) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        s.append("adding repo from: ").append(url).append("\n");
        Optional<World.File> f = world.file(url);
        boolean reachable = guest.internet() || World.isInternal(url);
        if (name.endsWith(".repo")) {
            if (f.isEmpty() || f.get().content() == null || !reachable) {
                String why = reachable ? "HTTP Error 404 - Not Found" : "curl#7 - \"Failed connect to " + World.host(url) + ":443; Connection timed out\"";
                return ToolResult.fail(1, s.toString(), "Could not fetch/save url " + url + " to file /etc/yum.repos.d/" + name + ": [Errno 14] " + why + "\n");
            }
            machine.write("/etc/yum.repos.d/" + name, f.get().content());
            s.append("grabbing file ").append(url).append(" to /etc/yum.repos.d/").append(name).append("\nrepo saved to /etc/yum.repos.d/").append(name).append("\n");
            return null;
        }
        String id = url.replaceFirst("^https?://", "").replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_+$", "");
        machine.write("/etc/yum.repos.d/" + id + ".repo", "\n[" + id + "]\nname=added from: " + url + "\nbaseurl=" + url + "\nenabled=1\n\n");
        s.append("\n[").append(id).append("]\nname=added from: ").append(url).append("\nbaseurl=").append(url).append("\nenabled=1\n\n");
        return null;
    }

    // ---- options -----------------------------------------------------------------------------

    static final class Options {
        String command;
        final List<String> names = new ArrayList<>();
        final Set<String> enable = new LinkedHashSet<>();
        final Set<String> disable = new LinkedHashSet<>();
        boolean assumeYes;
        boolean skipUnavailable;

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("-")) {
                    String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                    String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                    boolean takesValue = Set.of("--enablerepo", "--disablerepo", "--setopt", "-c", "--config", "--releasever",
                            "--installroot", "-d", "-e", "--exclude", "-x", "--repo", "--repoid").contains(key);
                    if (takesValue && value == null && i + 1 < args.size()) {
                        value = args.get(++i);
                    }
                    switch (key) {
                        case "-y", "--assumeyes" -> o.assumeYes = true;
                        case "--enablerepo", "--repo", "--repoid" -> o.enable.addAll(List.of(value.split(",")));
                        case "--disablerepo" -> o.disable.addAll(List.of(value.split(",")));
                        case "--setopt" -> {
                            if (value != null && value.toLowerCase(Locale.ROOT).matches("(\\*\\.)?skip_if_unavailable=(1|true|yes)")) {
                                o.skipUnavailable = true;
                            }
                        }
                        default -> {
                            if (a.matches("-[a-zA-Z]*y[a-zA-Z]*") && !a.startsWith("--")) {
                                o.assumeYes = true;
                            }
                        }
                    }
                    continue;
                }
                if (o.command == null) {
                    o.command = a;
                } else {
                    o.names.add(a);
                }
            }
            return o;
        }
    }
}
