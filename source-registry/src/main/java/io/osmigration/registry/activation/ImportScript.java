package io.osmigration.registry.activation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.osmigration.platform.facts.OnInstanceScripts;

/**
 * The import one-liner's script: our template with the platform's fact collector pasted in, so that the import and
 * Cloud Assistant's RunCommand run the very same collector (one copy, in platform).
 */
@Component
public class ImportScript {

    static final String TEMPLATE = "io/osmigration/registry/import.sh";
    /** A URL the script may embed inside single quotes: nothing that could end the quoting or start a command. */
    private static final Pattern SAFE_URL = Pattern.compile("https?://[A-Za-z0-9.:\\[\\]_%/-]+");

    private final String template;
    private final String collector;

    public ImportScript() {
        this.template = load(TEMPLATE);
        this.collector = withoutShebang(OnInstanceScripts.load(OnInstanceScripts.COLLECT_FACTS));
    }

    /** The script, defaulting to {@code serverUrl} for its calls back (an unsafe URL falls back to localhost). */
    public String render(String serverUrl) {
        String url = SAFE_URL.matcher(serverUrl).matches() ? serverUrl : "http://localhost:8081";
        return template.replace("__OSM_COLLECTOR__", collector).replace("__OSM_SERVER_URL__", url);
    }

    private static String withoutShebang(String script) {
        String text = script.startsWith("#!") ? script.substring(script.indexOf('\n') + 1) : script;
        return text.stripTrailing();
    }

    private static String load(String path) {
        try (InputStream in = ImportScript.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
