package io.osmigration.simulator.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * curl, wget and {@code rpm -i|-U <url>} against the {@link World}: the files it knows are served
 * (repository files, release RPMs); other URLs answer 404; hosts outside Alibaba Cloud's network
 * need the instance's internet access. Exit codes and messages as curl(1) and wget(1) give them:
 * curl 6 (cannot resolve), 7 (cannot connect), 22 (HTTP error with {@code -f}); wget 4 (network
 * failure), 8 (server error response).
 */
final class Download {

    private final Guest guest;
    private final Machine machine;
    private final World world = World.get();

    private final String cwd;

    Download(Guest guest, String cwd) {
        this.guest = guest;
        this.machine = new Machine(guest.root());
        this.cwd = cwd == null ? guest.root().resolve("root").toString() : cwd;
    }

    ToolResult curl(List<String> args) {
        String url = null;
        String output = null;
        boolean remoteName = false;
        boolean fail = false;
        boolean silent = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-o", "--output" -> output = i + 1 < args.size() ? args.get(++i) : null;
                case "-O", "--remote-name" -> remoteName = true;
                case "-f", "--fail" -> fail = true;
                case "-s", "--silent" -> silent = true;
                case "-H", "--header", "-X", "--request", "-d", "--data", "-m", "--max-time", "--connect-timeout", "-w",
                     "--retry", "-u", "--user", "-A", "--user-agent", "-e", "--cacert" -> i++;
                default -> {
                    if (a.startsWith("-") && !a.startsWith("--") && a.length() > 2) {
                        fail |= a.contains("f");
                        silent |= a.contains("s");
                        remoteName |= a.contains("O");
                        if (a.endsWith("o") && i + 1 < args.size()) {
                            output = args.get(++i);
                        }
                    } else if (!a.startsWith("-")) {
                        url = a;
                    }
                }
            }
        }
        if (url == null) {
            return ToolResult.fail(2, "curl: try 'curl --help' or 'curl --manual' for more information\n");
        }
        Fetched f = fetch(url);
        if (f.error != null) {
            int code = f.error == World.Status.UNRESOLVABLE ? 6 : 7;
            String msg = code == 6 ? "curl: (6) Could not resolve host: " + World.host(url)
                    : "curl: (7) Failed to connect to " + World.host(url) + " port 443: Connection timed out";
            return ToolResult.fail(code, silent && !argsShowErrors(args) ? "" : msg + "\n");
        }
        if (f.content == null) {
            if (fail) {
                return ToolResult.fail(22, silent && !argsShowErrors(args) ? "" : "curl: (22) The requested URL returned error: 404\n");
            }
            return deliver("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n",
                    output, remoteName, url, false);
        }
        return deliver(f.content, output, remoteName, url, false);
    }

    private static boolean argsShowErrors(List<String> args) {
        return args.contains("-S") || args.contains("--show-error") || args.stream().anyMatch(a -> a.matches("-[a-zA-Z]*S[a-zA-Z]*"));
    }

    ToolResult wget(List<String> args) {
        String url = null;
        String output = null;
        boolean quiet = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-O") || a.equals("--output-document")) {
                output = i + 1 < args.size() ? args.get(++i) : null;
            } else if (a.startsWith("--output-document=")) {
                output = a.substring(a.indexOf('=') + 1);
            } else if (a.equals("-q") || a.equals("--quiet")) {
                quiet = true;
            } else if (a.equals("-P") || a.equals("-t") || a.equals("-T")) {
                i++;
            } else if (!a.startsWith("-")) {
                url = a;
            }
        }
        if (url == null) {
            return ToolResult.fail(1, "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n");
        }
        Fetched f = fetch(url);
        String host = World.host(url);
        if (f.error != null) {
            return ToolResult.fail(4, quiet ? "" : (f.error == World.Status.UNRESOLVABLE
                    ? "wget: unable to resolve host address '" + host + "'\n"
                    : "Connecting to " + host + "|" + host + "|:443... failed: Connection timed out.\n"));
        }
        if (f.content == null) {
            return ToolResult.fail(8, quiet ? "" : "HTTP request sent, awaiting response... 404 Not Found\n"
                    + java.time.LocalDate.now() + " ERROR 404: Not Found.\n");
        }
        String target = output != null ? output : url.substring(url.lastIndexOf('/') + 1);
        ToolResult r = deliver(f.content, target, false, url, true);
        return r.exitCode() != 0 ? r : new ToolResult(0, "", quiet ? "" : "Saving to: '" + target + "'\n\n'" + target + "' saved\n");
    }

    /** {@code rpm -Uvh|-ivh <url>}: installs a release RPM the world serves. */
    ToolResult rpmInstall(List<String> args) {
        List<String> sources = new ArrayList<>();
        for (String a : args) {
            if (!a.startsWith("-")) {
                sources.add(a);
            }
        }
        if (sources.isEmpty()) {
            return ToolResult.fail(1, "rpm: no packages given for install\n");
        }
        List<String> db = new ArrayList<>(machine.packages());
        StringBuilder out = new StringBuilder("Retrieving ");
        for (String s : sources) {
            Optional<World.File> f = s.matches("https?://.*") ? world.file(s) : Optional.empty();
            Fetched got = s.matches("https?://.*") ? fetch(s) : null;
            if (f.isEmpty() || f.get().rpm() == null || got == null || got.error != null) {
                return ToolResult.fail(1, "error: skipping " + s + " - transfer failed\n");
            }
            Nevra n = Nevra.parse(f.get().rpm());
            if (machine.installed(n.name())) {
                return ToolResult.fail(1, "\tpackage " + n + " is already installed\n");
            }
            out.append(s).append("\nPreparing...                          ################################# [100%]\n")
                    .append("Updating / installing...\n   1:").append(n).append("   ################################# [100%]\n");
            db.add(n.toString());
            f.get().writes().forEach(machine::write);
        }
        machine.writePackages(db);
        return ToolResult.ok(out.toString());
    }

    private record Fetched(String content, World.Status error) {
    }

    private Fetched fetch(String url) {
        if (!guest.internet() && !World.isInternal(url)) {
            return new Fetched(null, World.Status.UNREACHABLE);
        }
        Optional<World.File> f = world.file(url);
        if (f.isEmpty()) {
            return new Fetched(null, null);
        }
        return new Fetched(f.get().content() != null ? f.get().content() : "<rpm " + f.get().rpm() + ">\n", null);
    }

    private ToolResult deliver(String content, String output, boolean remoteName, String url, boolean alwaysFile) {
        String target = output != null ? output : remoteName ? url.substring(url.lastIndexOf('/') + 1) : null;
        if (target == null && !alwaysFile) {
            return ToolResult.ok(content);
        }
        if ("-".equals(target)) {
            return ToolResult.ok(content);
        }
        machine.write(absolute(target), content);
        return ToolResult.ok("");
    }

    // Scripts name files as ${OSM_ROOT}/etc/...; relative names are relative to the caller's directory.
    private String absolute(String target) {
        String path = target.startsWith("/") ? target : cwd + "/" + target;
        String root = guest.root().toString();
        return path.startsWith(root + "/") ? path.substring(root.length()) : path;
    }
}
