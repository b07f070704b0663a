package io.osmigration.simulator.guest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Edits options of a {@code [repo]} section in place, as yum-config-manager and dnf config-manager do. */
final class RepoFiles {

    private RepoFiles() {
    }

    /** Sets {@code key=value} in the section {@code [id]} of whichever .repo file has it; false if none does. */
    static boolean setOption(Machine m, String id, String key, String value) {
        Path dir = m.path("/etc/yum.repos.d");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        boolean found = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.repo")) {
            for (Path f : files) {
                String text = Files.readString(f);
                String edited = edit(text, id, key, value);
                if (edited != null) {
                    found = true;
                    m.write("/etc/yum.repos.d/" + f.getFileName(), edited);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String edit(String text, String id, String key, String value) {
        StringBuilder out = new StringBuilder();
        boolean inSection = false;
        boolean done = false;
        boolean found = false;
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                if (inSection && !done) {
                    out.append(key).append('=').append(value).append('\n');
                    done = true;
                }
                inSection = t.substring(1, t.length() - 1).strip().equals(id);
                found |= inSection;
                if (inSection) {
                    done = false;
                }
                out.append(line).append('\n');
                continue;
            }
            if (inSection && t.matches("(?i)" + java.util.regex.Pattern.quote(key) + "\\s*=.*")) {
                out.append(key).append('=').append(value).append('\n');
                done = true;
                continue;
            }
            out.append(line).append('\n');
        }
        if (inSection && !done) {
            out.append(key).append('=').append(value).append('\n');
        }
        if (!found) {
            return null;
        }
        String s = out.toString();
        return s.endsWith("\n\n") && !text.endsWith("\n\n") ? s.substring(0, s.length() - 1) : s;
    }
}
