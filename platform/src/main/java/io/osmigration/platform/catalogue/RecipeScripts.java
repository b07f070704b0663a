package io.osmigration.platform.catalogue;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.osmigration.platform.facts.OnInstanceScripts;

/**
 * The recipes' on-instance scripts ({@code io/osmigration/scripts/recipes/*.sh}), rendered with their parameters as
 * single-quoted shell assignments after the shebang. Values are restricted to a safe alphabet (no quotes, no
 * {@code $}, backticks, backslashes or separators a shell would act on), so no value can inject a command.
 */
public final class RecipeScripts {

    static final String RESOURCE_DIR = "io/osmigration/scripts/recipes/";
    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9._:/=+,@%~ -]{0,2048}");
    private static final Pattern NAME = Pattern.compile("OSM_[A-Z0-9_]+");

    private RecipeScripts() {
    }

    public static boolean isSafe(String value) {
        return value != null && SAFE_VALUE.matcher(value).matches();
    }

    /** The script as shipped, without parameters. */
    public static String load(String script) {
        return OnInstanceScripts.load("recipes/" + script);
    }

    /**
     * The step's script with the step's own parameters ({@code {mirror}} replaced) and {@code extra} ones (which win)
     * assigned at its top.
     *
     * @throws IllegalArgumentException for a parameter name or value that is not safe
     */
    public static String render(Recipe.Step step, String mirrorBaseUrl, Map<String, String> extra) {
        Map<String, String> params = new TreeMap<>();
        step.params().forEach((name, value) -> params.put(name, value.replace("{mirror}", mirrorBaseUrl)));
        params.putAll(extra);
        return render(step.script(), params);
    }

    public static String render(String script, Map<String, String> params) {
        StringBuilder assignments = new StringBuilder("# Parameters (rendered by osmigration)\n");
        new TreeMap<>(params).forEach((name, value) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("unsafe script parameter name: " + name);
            }
            if (!isSafe(value)) {
                throw new IllegalArgumentException("unsafe value for " + name + ": " + value);
            }
            assignments.append(name).append("='").append(value).append("'; export ").append(name).append('\n');
        });
        String body = load(script);
        if (body.startsWith("#!")) {
            int eol = body.indexOf('\n') + 1;
            return body.substring(0, eol) + assignments + body.substring(eol);
        }
        return assignments + body;
    }
}
