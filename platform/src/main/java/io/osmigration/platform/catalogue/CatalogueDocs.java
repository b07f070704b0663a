package io.osmigration.platform.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders the catalogue as the Markdown of {@code docs/migration-paths.md} (kept equal by MigrationPathsDocTest). */
public final class CatalogueDocs {

    private CatalogueDocs() {
    }

    public static String markdown(MigrationCatalogue catalogue) {
        StringBuilder md = new StringBuilder();
        md.append("# Migration paths\n\n")
                .append("<!-- Generated from platform/src/main/resources/").append(MigrationCatalogue.RESOURCE)
                .append(" by MigrationPathsDocTest; do not edit by hand. To regenerate: ./mvnw -B -q -pl platform -am ")
                .append("verify -Dtest=MigrationPathsDocTest -Dsurefire.failIfNoSpecifiedTests=false -Dosm.docs.write=true -->\n\n")
                .append("Every path of Alibaba Cloud SMC's published matrix, and how osmigration migrates it on the instance. ")
                .append("The catalogue is one data file, read by precheck-service (which paths exist) and ")
                .append("migration-executor (the steps). A **supported** path's recipe uses only commands its tool's public ")
                .append("sources document. An **experimental** path is one SMC offers but whose tool no public source ")
                .append("confirms: it has no recipe, and the pre-check refuses it with `MIGRATION_PATH_EXPERIMENTAL` unless ")
                .append("`osm.migration.experimental-paths=true`. **Allow-listed** paths (CentOS to RHEL) are offered by SMC to ")
                .append("allow-listed accounts only; the pre-check offers them when `osm.precheck.rhel-conversion-allowed=true`.\n\n")
                .append("Packages are installed from `osm.migration.mirror-base-url`, by default `")
                .append(catalogue.defaultMirror()).append("`, Alibaba Cloud's mirror as instances in a VPC reach it (")
                .append(refs(catalogue.mirrorSources())).append(").\n\n");
        paths(md, catalogue);
        recipes(md, catalogue);
        md.append("## Sources\n\n");
        for (Source source : catalogue.sources()) {
            md.append("- <a id=\"").append(source.id()).append("\"></a>`").append(source.id()).append("`: ")
                    .append(cell(source.title())).append(" — ").append(cell(source.reference())).append('\n');
        }
        return md.toString();
    }

    private static void paths(StringBuilder md, MigrationCatalogue catalogue) {
        md.append("## Paths\n\n")
                .append("| source | arch | destination | status | recipe (tool) | reboots | offline: expected / deadline | sources |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (MigrationPath path : catalogue.paths()) {
            Recipe recipe = catalogue.recipe(path).orElse(null);
            String status = path.experimental() ? "experimental: " + cell(path.reason())
                    : path.allowListed() ? "supported (allow-listed)" : "supported";
            md.append("| ").append(path.source().os()).append(' ').append(path.source().version())
                    .append(" | ").append(path.source().arch())
                    .append(" | ").append(catalogue.displayName(path.destination())).append(" (`").append(path.destination()).append("`)")
                    .append(" | ").append(status)
                    .append(" | ").append(recipe == null ? "—" : "[" + recipe.id() + "](#" + recipe.id() + ") (" + recipe.tool() + ")")
                    .append(" | ").append(recipe == null ? "—" : recipe.restart().reboots())
                    .append(" | ").append(recipe == null ? "—" : duration(recipe.restart().offlineExpected()) + " / "
                            + duration(recipe.restart().deadline()))
                    .append(" | ").append(refs(path.sources())).append(" |\n");
        }
        md.append('\n');
    }

    private static void recipes(StringBuilder md, MigrationCatalogue catalogue) {
        md.append("## Recipes\n\n");
        for (Recipe recipe : new TreeMap<>(catalogue.recipes()).values()) {
            md.append("### ").append(recipe.id()).append("\n\n").append(recipe.summary()).append(". Tool: `")
                    .append(recipe.tool()).append("`.\n\n")
                    .append("| step | script | command | exit codes | sources |\n| --- | --- | --- | --- | --- |\n");
            row(md, "install", recipe.install());
            if (recipe.preflight() != null) {
                row(md, "preflight (drill)", recipe.preflight());
            } else {
                md.append("| preflight (drill) | — | ").append(cell(recipe.preflightNote())).append(" | | |\n");
            }
            if (recipe.answerStep() != null) {
                md.append("| answers | `").append(recipe.answerStep().script()).append("` | ")
                        .append(recipe.answers().stream().map(a -> "`" + a.section() + "=" + a.defaultValue() + "`")
                                .collect(Collectors.joining(", ")))
                        .append(" (default; `osm.migration.answers.<section>` overrides) | | ")
                        .append(refs(recipe.answers().stream().flatMap(a -> a.sources().stream()).distinct().toList()))
                        .append(" |\n");
            }
            row(md, "migrate", recipe.migrate());
            Recipe.Restart restart = recipe.restart();
            md.append("| restart | `restart.sh` | `exit 194`: ").append(restart.reboots()).append(" reboot(s)")
                    .append(restart.offlineExpected() == null ? "" : ", offline phase up to " + duration(restart.offlineExpected()))
                    .append(", failed after ").append(duration(restart.deadline()))
                    .append(restart.note() == null ? "" : "; " + cell(restart.note()))
                    .append(" | 194: restart after reporting | ").append(refs(restart.sources())).append(" |\n");
            md.append("| verify | `verify-migration.sh` | post-checks: ")
                    .append(recipe.postChecks().stream().map(c -> "`" + c + "`").collect(Collectors.joining(", ")))
                    .append(" | 0 passed, 5 a check failed | |\n");
            for (Map.Entry<String, Recipe.Step> remedy : new TreeMap<>(recipe.remediations()).entrySet()) {
                row(md, "remedy for `" + remedy.getKey() + "`", remedy.getValue());
            }
            md.append('\n');
        }
    }

    private static void row(StringBuilder md, String name, Recipe.Step step) {
        md.append("| ").append(name).append(" | `").append(step.script()).append("` | `").append(cell(step.command()))
                .append("`")
                .append(step.report() == null ? "" : "; report `" + step.report().path() + "` (" + step.report().format() + ")")
                .append(" | ").append(step.exitCodes().entrySet().stream()
                        .sorted(java.util.Comparator.comparing(e -> Integer.parseInt(e.getKey())))
                        .map(e -> e.getKey() + " " + cell(e.getValue())).collect(Collectors.joining("; ")))
                .append(" | ").append(refs(step.sources())).append(" |\n");
    }

    private static String refs(List<Source> sources) {
        return sources.stream().map(s -> "[" + s.id() + "](#" + s.id() + ")").collect(Collectors.joining(", "));
    }

    private static String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
