package io.osmigration.cli.output;

import java.io.PrintWriter;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Pretty JSON for {@code --json} and {@code --format json}, times as ISO-8601. */
public final class Json {

    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {
    }

    public static void print(PrintWriter out, Object value) {
        out.println(PRETTY.writeValueAsString(value));
        out.flush();
    }
}
