package io.osmigration.simulator.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The repositories configured under {@code /etc/yum.repos.d/*.repo}, read as yum reads them
 * (ini sections, {@code baseurl}/{@code mirrorlist}/{@code metalink}, {@code enabled},
 * {@code $releasever}/{@code $basearch} substituted).
 */
record RepoConfig(String id, String name, String file, List<String> urls, boolean enabled, boolean skipIfUnavailable) {

    static List<RepoConfig> read(Path root, String releasever, String basearch) {
        Path dir = root.resolve("etc/yum.repos.d");
        List<RepoConfig> repos = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return repos;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.repo")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path f : sorted) {
                parse(Files.readString(f, StandardCharsets.UTF_8), f.getFileName().toString(), releasever, basearch, repos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return repos;
    }

    private static void parse(String text, String file, String releasever, String basearch, List<RepoConfig> out) {
        String id = null;
        Map<String, String> kv = new TreeMap<>();
        for (String raw : (text + "\n[]").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.startsWith(";") || line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                if (id != null && !id.isEmpty()) {
                    out.add(of(id, kv, file, releasever, basearch));
                }
                id = line.substring(1, line.length() - 1).strip();
                kv = new TreeMap<>();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && id != null) {
                kv.put(line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
    }

    private static RepoConfig of(String id, Map<String, String> kv, String file, String releasever, String basearch) {
        List<String> urls = new ArrayList<>();
        for (String key : new String[] {"baseurl", "mirrorlist", "metalink"}) {
            String v = kv.get(key);
            if (v != null) {
                for (String u : v.split("[\\s,]+")) {
                    if (!u.isBlank()) {
                        urls.add(u.replace("$releasever", releasever).replace("$basearch", basearch)
                                .replace("${releasever}", releasever).replace("${basearch}", basearch));
                    }
                }
            }
        }
        String enabled = kv.getOrDefault("enabled", "1");
        boolean on = enabled.equals("1") || enabled.equalsIgnoreCase("true") || enabled.equalsIgnoreCase("yes");
        String skip = kv.getOrDefault("skip_if_unavailable", "0");
        return new RepoConfig(id, kv.getOrDefault("name", id).replace("$releasever", releasever).replace("$basearch", basearch),
                file, List.copyOf(urls), on, skip.equals("1") || skip.equalsIgnoreCase("true") || skip.equalsIgnoreCase("yes"));
    }
}
