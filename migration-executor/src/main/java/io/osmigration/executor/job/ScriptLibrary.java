package io.osmigration.executor.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.osmigration.executor.domain.Destinations;
import io.osmigration.executor.domain.ScriptOutput;

/**
 * The project's on-instance scripts ({@code io/osmigration/executor/scripts/*.sh}), with their parameters prefixed
 * as shell assignments. Parameter values are restricted to a safe alphabet, so nothing can be injected.
 */
@Component
public class ScriptLibrary {

    static final String BASE = "/io/osmigration/executor/scripts/";

    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public String load(String name) {
        return cache.computeIfAbsent(name, ScriptLibrary::read);
    }

    /** The script for {@code scriptName} (e.g. {@code upgrade.sh}) towards {@code destination}, ready to run. */
    public String render(String scriptName, String destination) {
        Destinations.Expected expected = Destinations.expected(destination)
                .orElseThrow(() -> new IllegalArgumentException("unknown destination " + destination));
        StringBuilder script = new StringBuilder();
        assign(script, "OSM_DESTINATION", destination);
        assign(script, "OSM_EXPECTED_ID", expected.id());
        assign(script, "OSM_EXPECTED_VERSION", expected.versionPrefix());
        return script.append(load(scriptName)).toString();
    }

    private static void assign(StringBuilder script, String name, String value) {
        script.append(name).append("='").append(ScriptOutput.shellSafe(value)).append("'; export ").append(name)
                .append('\n');
    }

    private static String read(String name) {
        try (InputStream in = ScriptLibrary.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
