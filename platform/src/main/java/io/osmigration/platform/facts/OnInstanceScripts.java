package io.osmigration.platform.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The shell scripts osmigration runs on servers, shipped as resources under {@code io/osmigration/scripts/}.
 * One copy of each: the import one-liner and Cloud Assistant's RunCommand send the same collector.
 */
public final class OnInstanceScripts {

    public static final String COLLECT_FACTS = "collect-facts.sh";

    private OnInstanceScripts() {
    }

    public static String load(String name) {
        String path = "io/osmigration/scripts/" + name;
        try (InputStream in = OnInstanceScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No on-instance script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
