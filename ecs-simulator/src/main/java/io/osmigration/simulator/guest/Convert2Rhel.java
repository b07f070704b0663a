package io.osmigration.simulator.guest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code convert2rhel} as oamg/convert2rhel behaves (main.py, cli.py, toolopts/config.py,
 * actions/report.py, actions/system_checks/*):
 * <ul>
 *   <li>exit codes: 0 no problem, 1 failure ({@code ConversionExitCodes.FAILURE}, e.g. a
 *       {@code logger.critical} such as "The --enablerepo option is required when --no-rhsm is used."),
 *       2 inhibitors (actions at level SKIP or above);</li>
 *   <li>{@code analyze} rolls everything back and writes
 *       {@code /var/log/convert2rhel/convert2rhel-pre-conversion.json} ({@code format_version} 1.1,
 *       {@code status}, {@code actions: {ID: {messages, result}}}) and the .txt summary;</li>
 *   <li>registration: {@code --org} with {@code --activationkey}, or {@code -u}/{@code -p}; without
 *       them it prompts for a username, which under Cloud Assistant (stdin at end of file) fails;
 *       {@code --no-rhsm} needs {@code --enablerepo} with a reachable repository;</li>
 *   <li>without {@code -y} it asks to continue, which also fails on a closed stdin;</li>
 *   <li>{@code TAINTED_KMODS} (a module flagged "(...)" in /proc/modules) and
 *       {@code IS_LOADED_KERNEL_LATEST} are OVERRIDABLE failures;</li>
 *   <li>a conversion replaces the packages and os-release now; the RHEL kernel boots next time
 *       ({@code --restart} reboots at the end).</li>
 * </ul>
 */
final class Convert2Rhel {

    static final String PRE_JSON = "/var/log/convert2rhel/convert2rhel-pre-conversion.json";
    static final String PRE_TXT = "/var/log/convert2rhel/convert2rhel-pre-conversion.txt";
    static final String POST_JSON = "/var/log/convert2rhel/convert2rhel-post-conversion.json";
    private static final DateTimeFormatter LOG = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final List<String> ACTIONS = List.of("CONVERT2RHEL_LATEST_VERSION", "DBUS_IS_RUNNING", "DUPLICATE_PACKAGES", "EFI",
            "ELS_SYSTEM_CHECK", "EUS_SYSTEM_CHECK", "GRUB_VALIDITY", "IS_LOADED_KERNEL_LATEST", "PACKAGE_UPDATES", "READ_ONLY_MOUNTS_MNT",
            "READ_ONLY_MOUNTS_SYS", "RHEL_COMPATIBLE_KERNEL", "TAINTED_KMODS", "CHECK_FIREWALLD_AVAILABILITY", "BACKUP_REDHAT_RELEASE",
            "BACKUP_REPOSITORY", "BACKUP_YUM_VARIABLES", "BACKUP_PACKAGE_FILES", "PRE_SUBSCRIPTION", "SUBSCRIBE_SYSTEM",
            "CUSTOM_REPOSITORIES_ARE_VALID", "ENSURE_KERNEL_MODULES_COMPATIBILITY", "LIST_THIRD_PARTY_PACKAGES", "REMOVE_SPECIAL_PACKAGES",
            "INSTALL_RED_HAT_CERT_FOR_YUM", "INSTALL_RED_HAT_GPG_KEY", "VALIDATE_PACKAGE_MANAGER_TRANSACTION");

    private final Guest guest;
    private final Machine m;

    Convert2Rhel(Guest guest) {
        this.guest = guest;
        this.m = new Machine(guest.root());
    }

    CompletableFuture<ToolResult> run(ToolCall call) {
        Opts o = Opts.parse(call.args());
        if (o.version) {
            return CompletableFuture.completedFuture(ToolResult.ok("convert2rhel 2.1.0\n"));
        }
        if (o.error != null) {
            return CompletableFuture.completedFuture(ToolResult.fail(2, "", "usage: convert2rhel [-h] [--version] [--debug] {analyze,convert} ...\n"
                    + "convert2rhel: error: " + o.error + "\n"));
        }
        StringBuilder out = new StringBuilder();
        log(out, "INFO", "convert2rhel command used:\nconvert2rhel " + String.join(" ", hideSecrets(call.args())));
        String critical = validate(o);
        if (critical != null) {
            log(out, "CRITICAL", critical);
            return CompletableFuture.completedFuture(ToolResult.fail(1, out.toString(), critical + "\n"));
        }
        if (!o.yes) {
            out.append("Convert2RHEL modifies the systems during the analysis and then rolls back these changes when the analysis is complete.\n"
                    + "Continue with the system conversion? [y/n]: ");
            log(out, "CRITICAL", "Exception: EOFError");
            return CompletableFuture.completedFuture(ToolResult.fail(1, out.toString(), ""));
        }
        String unreadable = applyConfigFile(o);
        if (unreadable != null) {
            log(out, "CRITICAL", unreadable);
            return CompletableFuture.completedFuture(ToolResult.fail(1, out.toString(), unreadable + "\n"));
        }
        if (!o.noRhsm && o.activationKey == null && (o.username == null || o.password == null)) {
            out.append("Username: ");
            log(out, "CRITICAL", "EOF when reading a line");
            return CompletableFuture.completedFuture(ToolResult.fail(1, out.toString(), ""));
        }
        Guest.ToolDuration how = o.analyze ? Guest.ToolDuration.CONVERSION_ANALYZE : Guest.ToolDuration.CONVERSION;
        Instant start = guest.now();
        return guest.after(guest.duration(how)).thenApply(v -> finish(o, out, start));
    }

    /**
     * The credentials of the first config file that exists, {@code ~/.convert2rhel.ini} then
     * {@code /etc/convert2rhel.ini} (oamg/convert2rhel toolopts.py {@code CONFIG_PATHS}), section
     * {@code [subscription_manager]}: {@code username}, {@code password}, {@code activation_key}, {@code org}; options
     * on the command line win. A file others may read is refused, as convert2rhel refuses it (it holds secrets).
     */
    private String applyConfigFile(Opts o) {
        for (String file : List.of("/root/.convert2rhel.ini", "/etc/convert2rhel.ini")) {
            if (!m.exists(file)) {
                continue;
            }
            try {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> mode =
                        java.nio.file.Files.getPosixFilePermissions(m.path(file));
                if (!mode.equals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))) {
                    return "The " + file + " file must only be accessible by the owner (0600)";
                }
            } catch (java.io.IOException | UnsupportedOperationException e) {
                // a file system without POSIX modes: nothing to check
            }
            Map<String, String> sm = Answerfile.parse(m.read(file)).getOrDefault("subscription_manager", Map.of());
            o.username = o.username != null ? o.username : sm.get("username");
            o.password = o.password != null ? o.password : sm.get("password");
            o.activationKey = o.activationKey != null ? o.activationKey : sm.get("activation_key");
            o.org = o.org != null ? o.org : sm.get("org");
            return null;
        }
        return null;
    }

    private String validate(Opts o) {
        String id = m.osId();
        if (!List.of("centos", "ol", "almalinux", "rocky").contains(id) || !List.of("7", "8").contains(m.major())) {
            return "The system's distribution (" + m.osRelease().getOrDefault("PRETTY_NAME", id) + ") is not supported for conversion.";
        }
        if (o.noRhsm && o.enableRepos.isEmpty()) {
            return "The --enablerepo option is required when --no-rhsm is used.";
        }
        if (o.activationKey != null && o.org == null) {
            return "Organization is required when using an activation key. Provide it with --org.";
        }
        return null;
    }

    private ToolResult finish(Opts o, StringBuilder out, Instant start) {
        Map<String, Map<String, Object>> actions = new LinkedHashMap<>();
        for (String id : ACTIONS) {
            actions.put(id, result("SUCCESS", "SUCCESS", "", "", ""));
        }
        List<String> tainted = new ArrayList<>();
        for (String line : m.moduleLines()) {
            if (line.contains("(")) {
                tainted.add(line.split("\\s+")[0]);
            }
        }
        if (!tainted.isEmpty()) {
            actions.put("TAINTED_KMODS", result("OVERRIDABLE", "TAINTED_KMODS_DETECTED", "Tainted kernel modules detected",
                    "Tainted kernel modules detected:\n  " + String.join("\n  ", tainted)
                            + "\nThird-party components are not supported per our software support policy:\nhttps://access.redhat.com/third-party-software-support\n",
                    "Prevent the modules from loading by following https://access.redhat.com/solutions/41278 and run convert2rhel again to continue with the conversion."));
        }
        String newest = Nevra.newest(m.packages(), "kernel");
        if (newest != null && !newest.equals(m.kernel())) {
            actions.put("IS_LOADED_KERNEL_LATEST", result("OVERRIDABLE", "INVALID_KERNEL_VERSION", "Kernel currency check failed",
                    "The version of the loaded kernel is different from the latest version in the enabled system repositories.\n"
                            + " Latest kernel version available in the repositories: " + newest + "\n Loaded kernel version: " + m.kernel(),
                    "To proceed with the conversion, update the kernel version by executing the following step:\n\n1. yum install kernel-" + newest + " -y\n2. reboot"));
        }
        if (!o.noRhsm && !guest.internet()) {
            actions.put("SUBSCRIBE_SYSTEM", result("ERROR", "SYSTEM_NOT_REGISTERED", "Unable to register the system",
                    "System registration failed with error: Unable to reach the server at subscription.rhsm.redhat.com:443/subscription", ""));
        }
        if (o.noRhsm) {
            List<String> configured = RepoConfig.read(m.root(), m.releasever(), m.arch()).stream().map(RepoConfig::id).toList();
            for (String r : o.enableRepos) {
                RepoConfig repo = RepoConfig.read(m.root(), m.releasever(), m.arch()).stream().filter(c -> c.id().equals(r)).findFirst().orElse(null);
                boolean reachable = repo != null && !repo.urls().isEmpty() && guest.brokenRepos().stream().noneMatch(r::equals)
                        && World.get().reachable(repo.urls().get(0), guest);
                if (!configured.contains(r) || !reachable) {
                    actions.put("CUSTOM_REPOSITORIES_ARE_VALID", result("ERROR", "UNABLE_TO_ACCESS_REPOSITORIES", "Unable to access repositories",
                            "Access could not be made to the custom repositories. Error: Failed to download metadata for repo '" + r + "'",
                            "Make sure the repository " + r + " is configured in /etc/yum.repos.d/ and reachable."));
                }
            }
        }
        if (guest.drillCritical()) {
            actions.put("DUPLICATE_PACKAGES", result("ERROR", "DUPLICATE_PACKAGES_FOUND", "Duplicate packages found on the system",
                    "The following packages were detected as duplicates:\n  glibc-2.17-326.el7_9.x86_64", "Remove one of the duplicates with 'package-cleanup --cleandupes'."));
        }
        String status = highest(actions);
        boolean inhibited = level(status) >= level("SKIP");
        m.write(PRE_JSON, preConversionJson(actions, status));
        m.write(PRE_TXT, preConversionTxt(actions));
        actions.forEach((id, a) -> log(out, "TASK", "[" + LOG.format(start) + "] TASK - [Prepare: " + id + "]"));
        out.append("\n").append("=".repeat(70)).append("\nPre-conversion analysis report\n").append("=".repeat(70)).append("\n");
        actions.forEach((id, a) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) a.get("result");
            if (!"SUCCESS".equals(r.get("level"))) {
                out.append("(").append(r.get("level")).append(") ").append(id).append("::").append(r.get("id")).append(" - ").append(r.get("title"))
                        .append("\n Description: ").append(r.get("description")).append("\n Diagnosis: ").append(r.get("diagnosis"))
                        .append("\n Remediations: ").append(r.get("remediations")).append("\n\n");
            }
        });
        if (o.analyze || inhibited) {
            out.append("No changes were made to the system.\n");
            return new ToolResult(inhibited ? 2 : 0, out.toString(), "");
        }
        Destinations.Target t = Destinations.target("7".equals(m.major()) ? "rhel-7" : "rhel-8-conversion",
                "7".equals(m.major()) ? null : m.versionId());
        Destinations.install(m, t, false, false);
        m.write(POST_JSON, "{\"format_version\": \"1.1\", \"status\": \"SUCCESS\", \"actions\": {}}\n");
        out.append("\nConversion successful!\n\nIn order to boot the RHEL kernel, restart of the system is needed.\n");
        if (o.restart) {
            guest.rebootNow("convert2rhel --restart");
        }
        return ToolResult.ok(out.toString());
    }

    private static Map<String, Object> result(String level, String id, String title, String diagnosis, String remediations) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("level", level);
        r.put("id", id);
        r.put("title", title);
        r.put("description", title.isEmpty() ? "" : "Please refer to the diagnosis for further information");
        r.put("diagnosis", diagnosis);
        r.put("remediations", remediations);
        r.put("variables", Map.of());
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("messages", List.of());
        a.put("result", r);
        return a;
    }

    // actions/__init__.py STATUS_CODE
    private static int level(String name) {
        return switch (name) {
            case "SUCCESS" -> 0;
            case "INFO" -> 25;
            case "WARNING" -> 51;
            case "SKIP" -> 101;
            case "OVERRIDABLE" -> 152;
            default -> 202;
        };
    }

    @SuppressWarnings("unchecked")
    private static String highest(Map<String, Map<String, Object>> actions) {
        String best = "SUCCESS";
        for (Map<String, Object> a : actions.values()) {
            String l = (String) ((Map<String, Object>) a.get("result")).get("level");
            if (level(l) > level(best)) {
                best = l;
            }
        }
        return best;
    }

    private static String preConversionJson(Map<String, Map<String, Object>> actions, String status) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("format_version", "1.1");
        envelope.put("status", status);
        envelope.put("actions", actions);
        StringBuilder sb = new StringBuilder();
        LeappReport.PyJson.write(envelope, sb, 0);
        return sb.append('\n').toString();
    }

    @SuppressWarnings("unchecked")
    private static String preConversionTxt(Map<String, Map<String, Object>> actions) {
        StringBuilder sb = new StringBuilder("Pre-conversion analysis report\n\n");
        actions.forEach((id, a) -> {
            Map<String, Object> r = (Map<String, Object>) a.get("result");
            sb.append('(').append(r.get("level")).append(") ").append(id).append("::").append(r.get("id")).append(' ').append(r.get("title")).append('\n');
        });
        return sb.toString();
    }

    private static void log(StringBuilder out, String level, String msg) {
        out.append(level.equals("TASK") ? msg : "[" + level + "] " + msg).append('\n');
    }

    private static List<String> hideSecrets(List<String> args) {
        List<String> out = new ArrayList<>();
        boolean hide = false;
        for (String a : args) {
            out.add(hide ? "*****" : a.matches("--(password|activationkey)=.*") ? a.substring(0, a.indexOf('=') + 1) + "*****" : a);
            hide = a.equals("-p") || a.equals("--password") || a.equals("-k") || a.equals("--activationkey");
        }
        return out;
    }

    private static final class Opts {
        boolean analyze;
        boolean yes;
        boolean noRhsm;
        boolean restart;
        boolean version;
        String username;
        String password;
        String activationKey;
        String org;
        final List<String> enableRepos = new ArrayList<>();
        String error;

        static Opts parse(List<String> args) {
            Opts o = new Opts();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String key = a.startsWith("--") && a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                String inline = a.startsWith("--") && a.contains("=") ? a.substring(a.indexOf('=') + 1) : null;
                boolean valued = List.of("-u", "--username", "-p", "--password", "-k", "--activationkey", "-o", "--org", "--enablerepo",
                        "--disablerepo", "-c", "--config-file", "--pool", "--serverurl").contains(key);
                String value = inline;
                if (valued && value == null) {
                    if (i + 1 >= args.size()) {
                        o.error = "argument " + key + ": expected one argument";
                        return o;
                    }
                    value = args.get(++i);
                }
                switch (key) {
                    case "analyze" -> o.analyze = true;
                    case "convert" -> o.analyze = false;
                    case "-y" -> o.yes = true;
                    case "--no-rhsm" -> o.noRhsm = true;
                    case "-r", "--restart" -> o.restart = true;
                    case "--version" -> o.version = true;
                    case "-u", "--username" -> o.username = value;
                    case "-p", "--password" -> o.password = value;
                    case "-k", "--activationkey" -> o.activationKey = value;
                    case "-o", "--org" -> o.org = value;
                    case "--enablerepo" -> o.enableRepos.add(value);
                    case "--disablerepo", "-c", "--config-file", "--pool", "--serverurl", "--debug", "-a", "--auto-attach", "--els", "--eus",
                         "--no-rpm-va" -> {
                    }
                    default -> {
                        o.error = "unrecognized arguments: " + a;
                        return o;
                    }
                }
            }
            return o;
        }
    }
}
