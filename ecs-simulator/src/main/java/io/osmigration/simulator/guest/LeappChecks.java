package io.osmigration.simulator.guest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.osmigration.simulator.RealHostListings;
import tools.jackson.databind.JsonNode;

/**
 * The actors whose reports depend on the host, each reading the same files the real one reads
 * (AlmaLinux/leapp-repository at 6228021e, repos/system_upgrade/{common,el7toel8}/actors):
 * <ul>
 *   <li>{@code check_detected_devices_and_drivers}: a loaded module ({@code lsmod}) whose driver entry in
 *       device_driver_deprecation_data.json lacks the target major in {@code available_in_rhel};</li>
 *   <li>{@code openssh_permit_root_login}: 7 to 8, sshd_config modified and no global {@code PermitRootLogin};</li>
 *   <li>{@code checkmemory}: {@code MemTotal} under 1572864 KiB on x86_64 and aarch64;</li>
 *   <li>{@code removed_pam_modules_check} + {@code verify_check_results}: pam_pkcs11 (or pam_krb5) in
 *       /etc/pam.d/{system,smartcard,password,fingerprint}-auth or postlogin asks a dialog; unanswered, it
 *       inhibits with the command remediation {@code leapp answer --section ...=True};</li>
 *   <li>{@code check_installed_kernels}: the newest installed {@code kernel} is not the booted one;</li>
 *   <li>{@code checkbootavailspace}: under 100 MiB free on /boot;</li>
 *   <li>{@code repositories_mapping}: no vendor data ({@code leapp-data-*}) installed is an actor error;</li>
 *   <li>{@code target_userspace_creator}: the target's repositories cannot be reached is an actor error;</li>
 *   <li>{@code red_hat_signed_rpm_check}, {@code pes_events_scanner}, {@code check_skipped_repositories}: the
 *       third-party packages, packages without a target build and unknown repositories of the host.</li>
 * </ul>
 * Entries that do not depend on the host are the real sample report's.
 */
final class LeappChecks {

    private static final long MIN_MEMORY_KIB = 1_572_864L; // checkmemory.py min_req_memory for x86_64 and aarch64
    private static final long MIN_BOOT_KIB = 100L * 1024; // checkbootavailspace.py MIN_AVAIL_BYTES_FOR_BOOT
    private static final List<String> PAM_FILES = List.of("/etc/pam.d/system-auth", "/etc/pam.d/smartcard-auth",
            "/etc/pam.d/password-auth", "/etc/pam.d/fingerprint-auth", "/etc/pam.d/postlogin");
    // el7toel8/libraries/pam.py PAM.parse
    private static final Pattern PAM_MODULE = Pattern.compile("(?m)^[ \\t]*[^#\\s]+.*(pam_\\S+)\\.so.*$");
    private static final Set<String> KNOWN_REPOS = Set.of("base", "updates", "extras", "centosplus", "baseos", "appstream",
            "powertools", "rhel-7-server-rpms", "rhel-7-server-extras-rpms", "rhel-7-server-optional-rpms",
            "rhui-rhel-7-server-rhui-rpms", "rhui-rhel-7-server-rhui-extras-rpms", "elevate");

    private final Guest guest;
    private final Machine m;
    private final Leapp.Build build;
    private final Destinations.Target dest;
    private final boolean noRhsm;
    private final int targetMajor;
    private final List<LeappReport.Entry> entries = new ArrayList<>();
    private final Map<String, Map<String, String>> answers;
    private final List<String> dialogs = new ArrayList<>();

    LeappChecks(Guest guest, Machine m, Leapp.Build build, Destinations.Target dest, boolean noRhsm) {
        this.guest = guest;
        this.m = m;
        this.build = build;
        this.dest = dest;
        this.noRhsm = noRhsm;
        this.targetMajor = dest != null ? dest.major() : Integer.parseInt(m.major().isEmpty() ? "7" : m.major()) + 1;
        this.answers = Answerfile.parse(m.read(Leapp.ANSWERFILE));
    }

    List<LeappReport.Entry> run() {
        sample("python_inform_user");
        signedPackages();
        sample("authselect_check");
        if (m.installed("postfix")) {
            sample("check_postfix");
        }
        sample("check_se_linux");
        permitRootLogin();
        if (m.installed("chrony")) {
            sample("check_chrony");
        }
        skippedRepositories();
        if (m.installed("grep")) {
            sample("checkgrep");
        }
        sample("check_grub_core");
        drivers();
        memory();
        kernels();
        bootSpace();
        pam();
        packagesWithoutTargetBuild();
        vendorData();
        if (guest.drillCritical()) {
            unsupportedDevice();
        }
        return entries;
    }

    // ---- entries from the real sample ---------------------------------------------------------

    // Every entry the real sample report has for this actor (check_se_linux has two).
    private void sample(String actor) {
        LeappData.sampleEntries(actor).forEach(e -> entries.add(fromSample(e)));
    }

    private static LeappReport.Entry fromSample(JsonNode e) {
        List<String> groups = new ArrayList<>();
        e.path("tags").forEach(t -> groups.add(t.asString()));
        e.path("flags").forEach(t -> groups.add(t.asString()));
        e.path("groups").forEach(t -> groups.add(t.asString()));
        List<Map<String, Object>> remediations = new ArrayList<>();
        for (JsonNode r : e.path("detail").path("remediations")) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("type", r.path("type").asString());
            if (r.path("context").isArray()) {
                List<String> cmd = new ArrayList<>();
                r.path("context").forEach(c -> cmd.add(c.asString()));
                rm.put("context", cmd);
            } else {
                rm.put("context", r.path("context").asString());
            }
            remediations.add(rm);
        }
        return new LeappReport.Entry(e.path("actor").asString(), e.path("title").asString(), e.path("summary").asString(),
                e.path("severity").asString(), e.path("audience").asString("sysadmin"), groups, remediations,
                pairs(e.path("detail").path("external"), "url", "title"), pairs(e.path("detail").path("related_resources"), "scheme", "title"),
                e.path("key").asString());
    }

    private static List<Map<String, String>> pairs(JsonNode array, String a, String b) {
        List<Map<String, String>> out = new ArrayList<>();
        for (JsonNode n : array) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put(a, n.path(a).asString());
            p.put(b, n.path(b).asString());
            out.add(p);
        }
        return out;
    }

    private void add(String actor, String title, String summary, String severity, List<String> groups, String hint,
                     List<List<String>> commands, List<Map<String, String>> external, List<Map<String, String>> related) {
        List<Map<String, Object>> remediations = new ArrayList<>();
        if (hint != null) {
            remediations.add(new LinkedHashMap<>(Map.of("type", "hint", "context", hint)));
        }
        for (List<String> c : commands) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("type", "command");
            r.put("context", c);
            remediations.add(r);
        }
        entries.add(new LeappReport.Entry(actor, title, summary, severity, "sysadmin", groups, remediations, external, related,
                Leapp.sha1(actor + ":" + title)));
    }

    private static Map<String, String> link(String url, String title) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("url", url);
        l.put("title", title);
        return l;
    }

    private static Map<String, String> resource(String scheme, String title) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("scheme", scheme);
        l.put("title", title);
        return l;
    }

    // ---- host-driven checks ---------------------------------------------------------------

    private void drivers() {
        Set<String> removed = LeappData.removedDrivers(targetMajor);
        Set<String> unmaintained = LeappData.unmaintainedDrivers(targetMajor);
        List<String> hit = new ArrayList<>();
        List<String> old = new ArrayList<>();
        for (String module : new LinkedHashSet<>(m.loadedModules())) {
            if (removed.contains(module)) {
                hit.add(module);
            } else if (unmaintained.contains(module)) {
                old.add(module);
            }
        }
        String source = m.major();
        if (!hit.isEmpty()) {
            add("check_detected_devices_and_drivers",
                    "Leapp detected loaded kernel drivers which have been removed in RHEL " + targetMajor + ". Upgrade cannot proceed.",
                    "Support for the following RHEL " + source + " device drivers has been removed in RHEL " + targetMajor + ":\n     - "
                            + String.join("\n     - ", hit) + "\n",
                    "high", List.of("kernel", "drivers", LeappReport.INHIBITOR), null, List.of(),
                    List.of(link("https://access.redhat.com/solutions/6971716", "Leapp preupgrade getting \"Inhibitor: Detected loaded kernel drivers which have been removed in RHEL 8. Upgrade cannot proceed.\" "),
                            link("https://access.redhat.com/solutions/5436131", "Leapp upgrade fail with error \"Inhibitor: Detected loaded kernel drivers which have been removed in RHEL 8. Upgrade cannot proceed.\"")),
                    List.of());
        }
        if (!old.isEmpty()) {
            add("check_detected_devices_and_drivers",
                    "Leapp detected loaded kernel drivers which are no longer maintained in RHEL " + targetMajor + ".",
                    "The following RHEL " + source + " device drivers are no longer maintained RHEL " + targetMajor + ":\n     - "
                            + String.join("\n     - ", old) + "\n",
                    "high", List.of("kernel", "drivers"), null, List.of(), List.of(), List.of());
        }
    }

    private void unsupportedDevice() {
        add("check_detected_devices_and_drivers",
                "Leapp detected devices which are no longer supported in RHEL " + targetMajor + ". Upgrade cannot proceed.",
                "Support for the following devices has been removed in RHEL " + targetMajor + ":\n     - LSI Logic / Symbios Logic MegaRAID SAS 1078 (0x1000:0x0060)\n",
                "high", List.of("kernel", LeappReport.INHIBITOR), null, List.of(), List.of(), List.of());
    }

    private void permitRootLogin() {
        if (!"7".equals(m.major())) {
            return;
        }
        String config = m.read("/etc/ssh/sshd_config");
        String pristine = m.read("/" + Machine.STATE + "/pristine/sshd_config");
        boolean modified = pristine.isEmpty() || !pristine.equals(config);
        if (!modified || globalPermitRootLogin(config) != null) {
            return;
        }
        entries.add(fromSample(LeappData.sampleEntry("openssh_permit_root_login")));
    }

    // opensshpermitrootlogincheck.global_value: the first PermitRootLogin outside a Match block (or in "Match all").
    static String globalPermitRootLogin(String config) {
        boolean inMatch = false;
        for (String raw : config.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("[\\s=]+", 2);
            if (f[0].equalsIgnoreCase("Match")) {
                inMatch = f.length < 2 || !f[1].strip().equalsIgnoreCase("all");
                continue;
            }
            if (f[0].equalsIgnoreCase("PermitRootLogin") && !inMatch && f.length == 2) {
                return f[1].strip();
            }
        }
        return null;
    }

    private void memory() {
        String arch = m.arch();
        if (!"x86_64".equals(arch) && !"aarch64".equals(arch)) {
            return;
        }
        long kib = m.memTotalKiB();
        if (kib >= MIN_MEMORY_KIB) {
            return;
        }
        add("checkmemory", "Minimum memory requirements for RHEL " + targetMajor + " are not met",
                "Memory detected: " + kib / 1024 + " MiB, required: " + MIN_MEMORY_KIB / 1024 + " MiB", "high",
                List.of("sanity", LeappReport.INHIBITOR), null, List.of(),
                List.of(link("https://access.redhat.com/solutions/7014179", "Leapp upgrade fail with error\"Minimum memory requirements for RHEL 8 are not met\"Upgrade cannot proceed"),
                        link("https://access.redhat.com/articles/rhel-limits", "Red Hat Enterprise Linux Technology Capabilities and Limits")),
                List.of());
    }

    private void kernels() {
        String newest = Nevra.newest(m.packages(), "kernel");
        if (newest == null || m.kernel().equals(newest)) {
            return;
        }
        add("check_installed_kernels", "Newest installed kernel not in use",
                "To ensure a stable upgrade, the machine needs to be booted into the latest installed kernel.", "high",
                List.of("kernel", "boot", LeappReport.INHIBITOR), "Boot into the most up-to-date kernel installed on the machine before running Leapp again.",
                List.of(), List.of(link("https://access.redhat.com/solutions/7014134", "Leapp upgrade fail with error \"Inhibitor:Newest installed kernel not in use\" Upgrade cannot proceed")),
                List.of(resource("package", "kernel")));
    }

    private void bootSpace() {
        for (String l : m.lines("/" + Machine.STATE + "/filesystems")) {
            String[] f = l.split("\\s+");
            if (f.length >= 4 && "/boot".equals(f[1])) {
                long avail = Long.parseLong(f[3]);
                if (avail < MIN_BOOT_KIB) {
                    double more = (MIN_BOOT_KIB - avail) / 1024.0;
                    add("checkbootavailspace", "Not enough space on /boot",
                            "/boot needs additional " + more + " MiB to be able to accommodate the upgrade initramfs and new kernel.", "high",
                            List.of("filesystem", LeappReport.INHIBITOR), null, List.of(),
                            List.of(link("https://access.redhat.com/solutions/298263", "Why does kernel cannot be upgraded due to insufficient space in /boot ?")),
                            List.of(resource("directory", "/boot")));
                }
            }
        }
    }

    private void pam() {
        if (!"7".equals(m.major())) {
            return;
        }
        Set<String> modules = new LinkedHashSet<>();
        for (String f : PAM_FILES) {
            Matcher matcher = PAM_MODULE.matcher(m.read(f));
            while (matcher.find()) {
                modules.add(matcher.group(1));
            }
        }
        List<String> unanswered = new ArrayList<>();
        for (String module : new String[] {"pam_krb5", "pam_pkcs11"}) {
            if (!modules.contains(module)) {
                continue;
            }
            String scope = "remove_" + module + "_module_check";
            dialogs.add(scope);
            Boolean answer = Answerfile.bool(answers, scope, "confirm");
            if (answer == null) {
                unanswered.add(scope + ".confirm");
            } else if (answer) {
                add("removed_pam_modules_check", "Module " + module + " will be removed from PAM configuration",
                        "Module " + module + " was surpassed by SSSD and therefore it was removed from RHEL-8. Keeping it in PAM configuration may lock out "
                                + "the system thus it will be automatically removed from PAM configuration before upgrading to RHEL-8. Please switch to SSSD "
                                + "to recover the functionality of " + module + ".",
                        "medium", List.of("authentication", "security", "tools"), "Configure SSSD to replace " + module, List.of(), List.of(),
                        List.of(resource("package", "sssd")));
            } else {
                add("removed_pam_modules_check", "Upgrade process was interrupted because " + module
                                + " is enabled in PAM configuration and SA user refused to disable it automatically.",
                        "Module " + module + " was surpassed by SSSD and therefore it was removed from RHEL-8. Keeping it in PAM configuration may lock out "
                                + "the system thus it is necessary to disable it before the upgrade process can continue.",
                        "high", List.of("authentication", "security", "tools", LeappReport.INHIBITOR),
                        "Disable " + module + " module and switch to SSSD to recover its functionality.", List.of(), List.of(),
                        List.of(resource("package", "sssd")));
            }
        }
        if (!unanswered.isEmpty()) {
            // verifydialogs.check_dialogs: the first choice of each question becomes a command remediation
            List<List<String>> commands = new ArrayList<>();
            List<Map<String, String>> related = new ArrayList<>();
            for (String s : unanswered) {
                commands.add(List.of("leapp", "answer", "--section", s + "=True"));
                related.add(resource("dialog", s));
            }
            LeappReport.Entry sample = fromSample(LeappData.sampleEntry("verify_check_results"));
            List<Map<String, Object>> remediations = new ArrayList<>();
            remediations.add(new LinkedHashMap<>(Map.of("type", "hint", "context",
                    "Please register user choices with leapp answer cli command or by manually editing the answerfile.")));
            for (List<String> c : commands) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("type", "command");
                r.put("context", c);
                remediations.add(r);
            }
            entries.add(new LeappReport.Entry("verify_check_results", "Missing required answers in the answer file",
                    "One or more sections in answerfile are missing user choices: " + String.join("\n", unanswered)
                            + "\nFor more information consult https://red.ht/leapp-dialogs.",
                    "high", "sysadmin", List.of(LeappReport.INHIBITOR), remediations,
                    List.of(link("https://access.redhat.com/solutions/7035321", "Leapp upgrade fail with error \"Inhibitor: Missing required answers in the answer file.\"")),
                    related, sample.key()));
        }
    }

    private void signedPackages() {
        List<String> unsigned = new ArrayList<>();
        String major = m.major();
        for (String p : m.packages()) {
            Nevra n = Nevra.parse(p);
            boolean distro = n.release().matches(".*\\.(el|al|an)" + major + "([._].*)?") && !n.name().startsWith("leapp")
                    && !n.name().equals("python2-leapp") && !n.name().startsWith("elevate");
            if (!distro && !n.name().equals("gpg-pubkey")) {
                unsigned.add(n.name());
            }
        }
        if (unsigned.isEmpty()) {
            return;
        }
        unsigned = new ArrayList<>(new java.util.TreeSet<>(unsigned)); // redhatsignedrpmcheck: a sorted set of names
        add("red_hat_signed_rpm_check", "Packages not signed by Red Hat found on the system",
                "The following packages have not been signed by Red Hat and may be removed during the upgrade process in case Red Hat-signed "
                        + "packages to be removed during the upgrade depend on them:\n- " + String.join("\n- ", unsigned),
                "high", List.of("sanity"), null, List.of(), List.of(), List.of());
    }

    private void packagesWithoutTargetBuild() {
        if (dest == null || String.valueOf(targetMajor).equals(m.major())) {
            return;
        }
        Set<String> target = new LinkedHashSet<>();
        RealHostListings.packages(RealHostListings.CENTOS8).forEach(p -> target.add(Nevra.name(p)));
        List<String> lines = new ArrayList<>();
        for (String p : m.packages()) {
            Nevra n = Nevra.parse(p);
            if (!n.version().isEmpty() && !target.contains(n.name()) && n.release().contains(".el")) {
                lines.add("- " + n.name() + " (repoid: " + (n.name().contains("devel") ? "base" : "updates") + ")");
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        lines.sort(null);
        List<Map<String, String>> related = new ArrayList<>();
        for (String l : lines) {
            related.add(resource("package", l.substring(2, l.indexOf(' ', 2))));
        }
        add("pes_events_scanner", "Packages from unknown repositories may not be installed",
                lines.size() + " packages may not be installed or upgraded due to repositories unknown to leapp:\n" + String.join("\n", lines),
                "high", List.of("repository"),
                "In case the listed repositories are mirrors of official repositories for RHEL (provided by Red Hat on CDN) and their repositories IDs "
                        + "has been customized, you can change the configuration to use the official IDs instead of fixing the problem. You can also "
                        + "review the projected DNF upgrade transaction result in the logs to see what is going to happen, as this does not necessarily "
                        + "mean that the listed packages will not be upgraded. You can also install any missing packages after the in-place upgrade manually.",
                List.of(), List.of(), related);
    }

    private void skippedRepositories() {
        List<String> unknown = new ArrayList<>();
        for (RepoConfig r : RepoConfig.read(m.root(), m.releasever(), m.arch())) {
            if (r.enabled() && !KNOWN_REPOS.contains(r.id())) {
                unknown.add(r.id());
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        add("check_skipped_repositories", "Some enabled RPM repositories are unknown to Leapp",
                "The following repositories with Red Hat-signed packages are unknown to Leapp:\n- " + String.join("\n- ", unknown)
                        + "\nAnd the following packages installed from those repositories may not be upgraded:\n",
                "low", List.of("repository"),
                "You can file a request to add this repository to the scope of in-place upgrades by filing a support ticket",
                List.of(), List.of(), List.of());
    }

    private void vendorData() {
        if (dest == null) {
            // libraries/fetch.py _raise_error: StopActorExecutionError -> an error report, the workflow fails
            add("repositories_mapping", "Data file /etc/leapp/files/repomap.json is missing or invalid.",
                    "{\"details\": \"File /etc/leapp/files/repomap.json does not exist.\", \"hint\": \"Install the vendor's leapp-data package (leapp-data-almalinux, leapp-data-rocky, ...).\"}",
                    "high", List.of(LeappReport.ERROR), null, List.of(), List.of(), List.of());
            return;
        }
        if ("rhel".equals(build.flavour()) && !m.installed("leapp-rhui-alibaba") && !noRhsm) {
            add("check_rhsm_subscription", "The system is not registered or subscribed.",
                    "The system has to be registered and subscribed to be able to proceed with the upgrade, unless the --no-rhsm option is specified when executing leapp.",
                    "high", List.of("sanity", LeappReport.INHIBITOR),
                    "Register the system with `subscription-manager register` and attach a subscription, or run leapp with --no-rhsm.",
                    List.of(), List.of(), List.of());
            return;
        }
        for (String url : dest.repos()) {
            String u = url.replace("$basearch", m.arch()).replace("$releasever", String.valueOf(targetMajor));
            if (!World.get().reachable(u, guest)) {
                add("target_userspace_creator", "Unable to install RHEL " + targetMajor + " userspace packages.",
                        "{\"details\": \"Command ['dnf', 'install', '-y', '--nogpgcheck', '--setopt=module_platform_id=platform:el" + targetMajor
                                + "', '--releasever', '" + dest.version() + "', '--installroot', '/var/lib/leapp/el" + targetMajor + "userspace', "
                                + "'--disablerepo', '*', '--enablerepo', ...] failed with exit code 1.\", \"stderr\": \"Error: Failed to download metadata for repo: Cannot download repomd.xml: "
                                + u + "\", \"hint\": \"Check that you have access to the target repositories.\"}",
                        "high", List.of(LeappReport.ERROR), null, List.of(), List.of(), List.of());
                return;
            }
        }
    }

    /** The answerfile Leapp writes at the end of a run (leapp/messaging/answerstore.py generate). */
    String answerfile() {
        StringBuilder sb = new StringBuilder();
        for (String scope : dialogs) {
            String module = scope.replace("remove_", "").replace("_module_check", "");
            Boolean answer = Answerfile.bool(answers, scope, "confirm");
            sb.append('[').append(scope).append("]\n")
                    .append("# Title:              None\n")
                    .append("# Reason:             Confirmation\n")
                    .append("# ").append(center(" " + scope + ".confirm ", 77)).append('\n')
                    .append("# Label:              Disable ").append(module).append(" module in PAM configuration? If no, the upgrade process will be interrupted.\n")
                    .append("# Description:        PAM module ").append(module).append(" is no longer available in RHEL-8 since it was replaced by SSSD.\n")
                    .append("# Reason:             Leaving this module in PAM configuration may lock out the system.\n")
                    .append("# Type:               bool\n")
                    .append("# Default:            None\n")
                    .append("# Available choices: True/False\n");
            if (answer == null) {
                sb.append("# Unanswered question. Uncomment the following line with your answer\n# confirm = \n");
            } else {
                sb.append("confirm = ").append(answer ? "True" : "False").append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String center(String s, int width) {
        int pad = Math.max(0, width - s.length());
        int left = pad / 2 + (pad & width & 1);
        return "=".repeat(left) + s + "=".repeat(pad - left);
    }
}
