package io.osmigration.cli.commands;

import java.io.PrintWriter;

/** A finding as a few indented lines a person reads top to bottom: what, the evidence, the fix. */
final class FindingsPrinter {

    private FindingsPrinter() {
    }

    static void print(PrintWriter out, String severity, String code, String title, String detail, String hint,
                      String command) {
        out.printf("  %-8s  %s  %s%n", severity, code, title == null ? "" : title);
        String indent = "            ";
        if (detail != null && !detail.isBlank()) {
            out.println(indent + oneLine(detail));
        }
        if (hint != null && !hint.isBlank()) {
            out.println(indent + "Fix: " + oneLine(hint));
        }
        if (command != null && !command.isBlank()) {
            out.println(indent + "$ " + oneLine(command));
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " | ").strip();
    }
}
