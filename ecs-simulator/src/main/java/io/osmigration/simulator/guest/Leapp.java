package io.osmigration.simulator.guest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code leapp} as oamg/leapp (CLI framework) and the leapp-repository commands behave, in the
 * builds a CentOS/RHEL 7 host can install: AlmaLinux ELevate (AlmaLinux/leapp-repository), Red
 * Hat's (oamg/leapp-repository v0.21.0) and the Anolis OS build. Sources per behaviour:
 * <ul>
 *   <li>argparse: {@code --target} has {@code choices=get_supported_target_versions()} (the
 *       target versions upgrade_paths.json lists for the source VERSION_ID); a bad value or an
 *       unknown option prints the usage to stderr and exits 2 (leapp/utils/clicmd.py
 *       {@code _LeappArgumentParser.error}); a {@code CommandError} also exits 2;</li>
 *   <li>{@code preupgrade} runs the workflow until the Reports phase, writes
 *       {@code /var/log/leapp/leapp-report.{json,txt}} and the answerfile, exits 1 when an inhibitor
 *       or an actor error was reported (commands/preupgrade: {@code if workflow.failure: sys.exit(1)});</li>
 *   <li>report schema 1.1.0 by default ({@code flags}/{@code tags}), 1.2.0 with
 *       {@code --report-schema 1.2.0} ({@code groups}) (leapp/utils/report.py generate_report_file);</li>
 *   <li>{@code upgrade} stops at the same inhibitors; otherwise it stages the upgrade and asks for a
 *       reboot; {@code --reboot} reboots by itself (commands/upgrade);</li>
 *   <li>{@code answer --section scope.key=value} updates only sections already in the answerfile
 *       unless {@code --add} (commands/answer, leapp/messaging/answerstore.py).</li>
 * </ul>
 * The checks that inhibit are the real actors', driven by the host's files; see {@link LeappChecks}.
 */
final class Leapp {

    static final String LOG_DIR = "/var/log/leapp";
    static final String ANSWERFILE = LOG_DIR + "/answerfile";
    static final String STAGED = "/var/lib/leapp/osm-sim-staged";
    private static final List<String> SCHEMAS = List.of("1.0.0", "1.1.0", "1.2.0");

    private final Guest guest;
    private final Machine machine;

    Leapp(Guest guest) {
        this.guest = guest;
        this.machine = new Machine(guest.root());
    }

    /** The leapp build installed on the host, decided by its packages. */
    record Build(String flavour, String targetKey, String vendor, String version) {
    }

    CompletableFuture<ToolResult> run(ToolCall call) {
        List<String> args = call.args();
        if (args.isEmpty()) {
            return done(ToolResult.ok(""));
        }
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        Build build = build();
        return switch (sub) {
            case "--version" -> done(ToolResult.ok("leapp version " + build.version() + "\n"));
            case "-h", "--help" -> done(ToolResult.ok(topUsage()));
            case "preupgrade" -> workflow(rest, build, false);
            case "upgrade" -> workflow(rest, build, true);
            case "answer" -> done(answer(rest));
            default -> done(sub.startsWith("-")
                    ? ToolResult.fail(1, "No such argument " + sub + "\n", "")
                    : ToolResult.fail(1, "Command \"" + sub + "\" is unknown.\nMost likely there is a typo in the command or particular "
                    + "leapp repositories that provide this command are not present on the system.\nYou can try to install the missing "
                    + "content e.g. by the following command: `dnf install 'leapp-command(" + sub + ")'`\n", ""));
        };
    }

    private static CompletableFuture<ToolResult> done(ToolResult r) {
        return CompletableFuture.completedFuture(r);
    }

    Build build() {
        String flavour = "elevate";
        String vendor = null;
        String version = "0.18.0";
        World world = World.get();
        for (String line : machine.packages()) {
            Nevra n = Nevra.parse(line);
            Optional<World.Package> p = world.knownBuild(line);
            if (n.name().equals("leapp")) {
                version = n.version();
            }
            if (p.isPresent() && p.get().leappVendor() != null) {
                vendor = p.get().leappVendor();
            }
        }
        if (vendor == null) {
            return new Build(flavour, null, null, version);
        }
        String[] fv = Destinations.leappVendor(vendor).orElseThrow();
        return new Build(fv[0], fv[1], vendor, version);
    }

    // ---- preupgrade / upgrade -------------------------------------------------------------------

    private CompletableFuture<ToolResult> workflow(List<String> args, Build build, boolean upgrade) {
        String command = upgrade ? "upgrade" : "preupgrade";
        List<String> choices = Destinations.leappTargets(build.flavour(), machine.versionId());
        Parsed p = parse(args, command, choices);
        if (p.error != null) {
            return done(ToolResult.fail(2, "", usage(command, choices) + "error: " + p.error + "\n"));
        }
        String target = p.target != null ? p.target : choices.isEmpty() ? null : choices.get(choices.size() - 1);
        if (target == null || !choices.contains(target)) {
            // commands/command_utils.py vet_upgrade_path -> CommandError -> parser.exit(status=2, message='\nError: ...')
            return done(ToolResult.fail(2, "", "\nError: Upgrade to " + target + " for default upgrade path is not supported, possible choices are "
                    + String.join(",", choices) + "\n"));
        }
        Destinations.Target dest = build.targetKey() == null ? null : Destinations.target(build.targetKey(), targetVersion(build, target));
        Instant started = guest.now();
        Guest.ToolDuration how = upgrade ? Guest.ToolDuration.LEAPP_UPGRADE : Guest.ToolDuration.LEAPP_PREUPGRADE;
        return guest.after(guest.duration(how)).thenApply(v -> finish(p, build, dest, upgrade, started));
    }

    private static String targetVersion(Build build, String target) {
        // ELevate's vendors other than AlmaLinux ship their own latest 8.x; the version asked is AlmaLinux's numbering.
        return "elevate".equals(build.flavour()) && !"almalinux".equals(build.vendor()) ? null : target;
    }

    private ToolResult finish(Parsed p, Build build, Destinations.Target dest, boolean upgrade, Instant started) {
        String runId = UUID.nameUUIDFromBytes((guest.instanceId() + started).getBytes(StandardCharsets.UTF_8)).toString();
        LeappChecks checks = new LeappChecks(guest, machine, build, dest, p.noRhsm);
        List<LeappReport.Entry> entries = checks.run();
        LeappReport report = new LeappReport(entries, machine.hostname(), started, runId);
        String schema = p.schema != null ? p.schema : "1.1.0";
        machine.write(LOG_DIR + "/leapp-report.json", report.json(schema));
        machine.write(LOG_DIR + "/leapp-report.txt", report.txt(schema));
        machine.write(ANSWERFILE, checks.answerfile());
        machine.write(LOG_DIR + (upgrade ? "/leapp-upgrade.log" : "/leapp-preupgrade.log"),
                started + " Executing workflow until phase: " + (upgrade ? "FirstBoot" : "ReportsPhase") + "\n");
        boolean failed = report.inhibitors() > 0 || report.errors() > 0;
        StringBuilder out = new StringBuilder();
        String path = dest != null && dest.major() == 9 ? "el8toel9" : "el7toel8";
        List<String> phases = new ArrayList<>(List.of("FactsCollection", "Checks", "TargetTransactionFactsCollection",
                "TargetTransactionCheck", "Reports"));
        if (upgrade && !failed) {
            phases.addAll(List.of("Download", "InterimPreparation"));
        }
        Map<String, List<String>> actors = LeappData.phases(path);
        for (String phase : phases) {
            // leapp/utils/output.py display_status_current_phase / display_status_current_actor
            out.append("==> Processing phase `").append(phase).append("`\n");
            for (String actor : actors.getOrDefault(phase, List.of())) {
                out.append("====> * ").append(actor).append("\n        ").append(describe(actor)).append("\n");
            }
        }
        out.append(report.overview(upgrade, ANSWERFILE));
        if (upgrade && !failed) {
            machine.write(STAGED, "target=" + dest.key() + "\nversion=" + dest.version() + "\n");
            out.append("Reboot the system to continue with the upgrade. This might take a while depending on the system configuration.\n"
                    + "Make sure you have console access to view the actual upgrade process.\n");
            if (p.reboot) {
                guest.rebootNow("leapp upgrade --reboot");
            }
        }
        return failed ? ToolResult.fail(1, out.toString(), "") : ToolResult.ok(out.toString());
    }

    // The actor's docstring title in real output; the simulator prints a neutral description of the same length.
    private static String describe(String actor) {
        String words = actor.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
    }

    /** The upgrade staged by {@code leapp upgrade}, run by the offline phase after the next boot. */
    static Optional<Destinations.Target> staged(Machine m) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String l : m.lines(STAGED)) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                kv.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return kv.containsKey("target") ? Optional.of(Destinations.target(kv.get("target"), kv.get("version"))) : Optional.empty();
    }

    /** The initramfs phase: the packages are upgraded with the system offline; the new system boots next. */
    static void runOffline(Machine m, Destinations.Target t, Instant now) {
        Destinations.install(m, t, true, false);
        m.delete(STAGED);
        m.write(LOG_DIR + "/leapp-upgrade.log", m.read(LOG_DIR + "/leapp-upgrade.log") + now
                + " Workflow finished: the system was upgraded to " + t.pretty() + "\n");
    }

    // ---- argparse ---------------------------------------------------------------------------

    private static final class Parsed {
        String target;
        String schema;
        boolean reboot;
        boolean noRhsm;
        String error;
    }

    private static Parsed parse(List<String> args, String command, List<String> choices) {
        Parsed p = new Parsed();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String key = a.startsWith("--") && a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String inline = a.startsWith("--") && a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
            switch (key) {
                case "--target", "--target-version", "--report-schema", "--whitelist-experimental", "--enablerepo", "--channel", "--iso",
                     "--enable-experimental-feature" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            p.error = "argument " + key + ": expected one argument";
                            return p;
                        }
                        value = args.get(++i);
                    }
                    if (key.startsWith("--target")) {
                        if (!choices.contains(value)) {
                            p.error = "argument --target: invalid choice: '" + value + "' (choose from " + quoted(choices) + ")";
                            return p;
                        }
                        p.target = value;
                    } else if (key.equals("--report-schema")) {
                        if (!SCHEMAS.contains(value)) {
                            p.error = "argument --report-schema: invalid choice: '" + value + "' (choose from " + quoted(SCHEMAS) + ")";
                            return p;
                        }
                        p.schema = value;
                    } else if (key.equals("--channel") && !List.of("ga", "e4s", "eus", "aus").contains(value.toLowerCase(java.util.Locale.ROOT))) {
                        p.error = "argument --channel: invalid choice: '" + value + "' (choose from 'ga', 'e4s', 'eus', 'aus')";
                        return p;
                    }
                }
                case "--no-rhsm" -> p.noRhsm = true;
                case "--reboot", "--resume" -> {
                    if (!"upgrade".equals(command)) {
                        p.error = "unrecognized arguments: " + a;
                        return p;
                    }
                    p.reboot |= key.equals("--reboot");
                }
                case "--debug", "--verbose", "--no-insights-register", "--no-rhsm-facts", "--nogpgcheck" -> {
                }
                default -> {
                    p.error = "unrecognized arguments: " + a;
                    return p;
                }
            }
        }
        return p;
    }

    private static String quoted(List<String> values) {
        List<String> q = new ArrayList<>();
        values.forEach(v -> q.add("'" + v + "'"));
        return String.join(", ", q);
    }

    private static String usage(String command, List<String> choices) {
        String targets = "{" + String.join(",", choices) + "}";
        return "usage: leapp " + command + " [-h] [--whitelist-experimental ActorName] [--enable-experimental-feature Feature]\n"
                + "                       [--debug] [--verbose] [--no-rhsm] [--no-insights-register] [--no-rhsm-facts]\n"
                + "                       [--enablerepo <repoid>] [--channel {ga,e4s,eus,aus}] [--iso ISO] [--target " + targets + "]\n"
                + "                       [--report-schema {1.0.0,1.1.0,1.2.0}] [--nogpgcheck]"
                + ("upgrade".equals(command) ? " [--resume] [--reboot]" : "") + "\n\n"
                + "optional arguments:\n"
                + "  -h, --help            show this help message and exit\n"
                + "  --no-rhsm             Use only custom repositories and skip actions with Red Hat Subscription Manager. This only has effect on Red Hat Enterprise Linux systems.\n"
                + "  --target " + targets + "\n"
                + "                        Specify RHEL version to upgrade to for default detected upgrade flavour\n"
                + "  --report-schema {1.0.0,1.1.0,1.2.0}\n"
                + "                        Specify report schema version for leapp-report.json\n";
    }

    private static String topUsage() {
        return "usage: leapp [-h] [--version] {answer,preupgrade,upgrade} ...\n\n"
                + "positional arguments:\n  {answer,preupgrade,upgrade}\n\noptional arguments:\n"
                + "  -h, --help            show this help message and exit\n  --version             show program's version number and exit\n";
    }

    // ---- answer -----------------------------------------------------------------------------

    private ToolResult answer(List<String> args) {
        List<String> sections = new ArrayList<>();
        boolean add = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--section") && i + 1 < args.size()) {
                sections.addAll(List.of(args.get(++i).split(",")));
            } else if (a.startsWith("--section=")) {
                sections.addAll(List.of(a.substring("--section=".length()).split(",")));
            } else if (a.equals("--add")) {
                add = true;
            } else {
                return ToolResult.fail(2, "", "usage: leapp answer [-h] [--section dialog_sections] [--add]\nleapp answer: error: unrecognized arguments: " + a + "\n");
            }
        }
        if (sections.isEmpty()) {
            return ToolResult.fail(2, "", "usage: leapp answer [-h] [--section dialog_sections] [--add]\n\n"
                    + "UsageError: At least one dialog section must be specified, ex. --section dialog.option=mychoice\n");
        }
        Map<String, Map<String, String>> ini = Answerfile.parse(machine.read(ANSWERFILE));
        List<String> notUpdated = new ArrayList<>();
        for (String s : sections) {
            int eq = s.indexOf('=');
            int dot = s.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                return ToolResult.fail(2, "", "usage: leapp answer [-h] [--section dialog_sections] [--add]\n\n"
                        + "UsageError: A bad formatted section has been passed. Expected format is dialog.option=mychoice\n");
            }
            String scope = s.substring(0, dot);
            String option = s.substring(dot + 1, eq);
            String value = s.substring(eq + 1);
            if (!ini.containsKey(scope) && !add) {
                notUpdated.add(scope + "." + option + "=" + value);
                continue;
            }
            ini.computeIfAbsent(scope, k -> new LinkedHashMap<>()).put(option, value);
        }
        // answerstore.update rewrites the file through configparser: the comments are gone afterwards.
        machine.write(ANSWERFILE, Answerfile.write(ini));
        String warn = notUpdated.isEmpty() ? "" : "WARNING: Only sections found in original userfile can be updated, ignoring "
                + String.join(",", notUpdated) + "\n";
        return new ToolResult(0, "", warn);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
