package io.osmigration.cli.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Ids from the command line and from a file of them ({@code -} is standard input). */
final class Inputs {

    private Inputs() {
    }

    /**
     * The arguments, then the file's lines (blank lines and {@code #} comments skipped; the first word of a line),
     * without duplicates, in order.
     */
    static List<String> ids(List<String> arguments, Path file, String what) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        if (arguments != null) {
            arguments.stream().map(String::strip).filter(id -> !id.isEmpty()).forEach(ids::add);
        }
        if (file != null) {
            for (String line : lines(file)) {
                String stripped = line.replaceFirst("#.*$", "").strip();
                if (!stripped.isEmpty()) {
                    ids.add(stripped.split("[\\s,;]+")[0]);
                }
            }
        }
        if (ids.isEmpty()) {
            throw new UsageException("name at least one " + what + ", as arguments or with --file");
        }
        return new ArrayList<>(ids);
    }

    private static List<String> lines(Path file) {
        try {
            if ("-".equals(file.toString())) {
                return new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            }
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
