package io.osmigration.cli.output;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 lines: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
public final class Csv {

    private final PrintWriter out;

    public Csv(PrintWriter out) {
        this.out = out;
    }

    public Csv row(List<?> fields) {
        out.print(fields.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n");
        return this;
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
