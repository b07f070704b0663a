package io.osmigration.executor.recipe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.osmigration.executor.ExecutorProperties;
import io.osmigration.executor.catalog.SourceCatalog;
import io.osmigration.executor.domain.Compensation;
import io.osmigration.executor.domain.Finding;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.MigrationRecipes;
import io.osmigration.executor.domain.StepKind;
import io.osmigration.executor.domain.StepResultFormat;
import io.osmigration.executor.domain.StepSpec;
import io.osmigration.platform.catalogue.Destination;
import io.osmigration.platform.catalogue.MigrationCatalogue;
import io.osmigration.platform.catalogue.MigrationPath;
import io.osmigration.platform.catalogue.MigrationProperties;
import io.osmigration.platform.catalogue.Recipe;
import io.osmigration.platform.catalogue.RecipeSteps;

/**
 * The executor's {@link MigrationRecipes}: the migration catalogue's recipe for the job's path (its source's OS,
 * version and architecture, and its destination), rendered step by step by the platform's {@link RecipeSteps}.
 *
 * <p>The drill installs the tool (idempotent), records the configured answers to the tool's dialogs and runs the
 * tool's own check, in one invocation whose result is the tool's report. The plan: INSTALL, ANSWER, one
 * REMEDIATE_&lt;code&gt; per finding the batch allowed in {@code autoRemediate} and the recipe has a remedy for,
 * UPGRADE, REBOOT (exit 194, then the wait through the offline phase, at most the recipe's deadline) and VERIFY
 * (the recipe's post-checks).
 */
@Component
public class CatalogueRecipes implements MigrationRecipes {

    /** Exit codes of the drill above this mean the tool's installation failed (the code is 100 + its own). */
    public static final int INSTALL_FAILED_BASE = 100;
    /** Exit codes of the drill above this mean recording the answers failed (120 + leapp answer's own). */
    public static final int ANSWERS_FAILED_BASE = 120;

    private final MigrationCatalogue catalogue;
    private final RecipeSteps steps;
    private final Function<String, Optional<SourceCatalog.CatalogEntry>> sources;
    private final ExecutorProperties properties;

    @Autowired
    CatalogueRecipes(MigrationCatalogue catalogue, MigrationProperties migration, SourceCatalog sources,
                     ExecutorProperties properties) {
        this(catalogue, migration, sources::find, properties);
    }

    /** @param sources the source catalog's entry of a source id (its OS, version and architecture) */
    public CatalogueRecipes(MigrationCatalogue catalogue, MigrationProperties migration,
                            Function<String, Optional<SourceCatalog.CatalogEntry>> sources,
                            ExecutorProperties properties) {
        this.catalogue = catalogue;
        this.steps = new RecipeSteps(catalogue, migration);
        this.sources = sources;
        this.properties = properties;
    }

    /** The catalogue's path for the job: its source as the catalog knows it, and its destination. */
    public Optional<MigrationPath> path(Job job) {
        return sources.apply(job.sourceId()).flatMap(source -> {
            if (source.os() == null || source.arch() == null) {
                return Optional.empty();
            }
            String[] os = source.os().trim().split("\\s+", 2);
            return catalogue.path(source.arch(), os[0], os.length > 1 ? os[1] : "", job.destinationOs());
        });
    }

    private Optional<Recipe> recipe(Job job) {
        return path(job).flatMap(catalogue::recipe);
    }

    @Override
    public boolean remedies(Job job, String findingCode) {
        return job.autoRemediate().contains(findingCode)
                && recipe(job).flatMap(r -> r.remediation(findingCode)).isPresent();
    }

    @Override
    public StepSpec drill(Job job) {
        Optional<Recipe> found = recipe(job);
        if (found.isEmpty()) {
            return new StepSpec(DRILL, noRecipe(job), StepKind.RUN_SCRIPT, Duration.ofMinutes(1), Compensation.NONE);
        }
        Recipe recipe = found.get();
        StringBuilder script = new StringBuilder("#!/bin/sh\n")
                .append("# DRILL: install the migration tool (idempotent), record the configured answers to its ")
                .append("dialogs, run its own check.\n");
        part(script, "installing " + recipe.tool(), steps.install(recipe).script(), INSTALL_FAILED_BASE);
        steps.answers(recipe).ifPresent(answers -> part(script, "recording the answers", answers.script(),
                ANSWERS_FAILED_BASE));
        Optional<RecipeSteps.RenderedStep> preflight = steps.preflight(recipe);
        if (preflight.isPresent()) {
            script.append(preflight.get().script().replaceFirst("^#![^\n]*\n", ""));
        } else {
            script.append("echo 'osm: ").append(recipe.preflightNote() == null ? "the tool has no check"
                    : recipe.preflightNote().replace("'", "")).append("'\n");
        }
        StepResultFormat result = preflight.isEmpty() ? StepResultFormat.NONE : reportFormat(recipe.preflight());
        return new StepSpec(DRILL, script.toString(), StepKind.RUN_SCRIPT, properties.drillTimeout(),
                Compensation.NONE, result, Duration.ZERO);
    }

    @Override
    public List<StepSpec> plan(Job job) {
        Optional<Recipe> found = recipe(job);
        Optional<Destination> destination = catalogue.destination(job.destinationOs());
        if (found.isEmpty() || destination.isEmpty()) {
            return List.of(new StepSpec(INSTALL, noRecipe(job), StepKind.RUN_SCRIPT, Duration.ofMinutes(1),
                    Compensation.NONE));
        }
        Recipe recipe = found.get();
        List<StepSpec> plan = new ArrayList<>();
        // Installing changes the system's packages (and yum stopped half-way can leave its database broken): a job
        // that fails after it started gets its disks back, like after any later step.
        plan.add(new StepSpec(INSTALL, steps.install(recipe).script(), StepKind.RUN_SCRIPT,
                properties.installTimeout(), Compensation.ROLL_BACK_DISKS));
        steps.answers(recipe).ifPresent(answers -> plan.add(new StepSpec(ANSWER, answers.script(),
                StepKind.RUN_SCRIPT, properties.installTimeout(), Compensation.ROLL_BACK_DISKS)));
        remedies(job, recipe).forEach((code, targets) -> steps.remediation(recipe, code, targets).ifPresent(step ->
                plan.add(new StepSpec(REMEDIATE + code, step.script(), StepKind.RUN_SCRIPT,
                        properties.installTimeout(), Compensation.ROLL_BACK_DISKS))));
        plan.add(new StepSpec(UPGRADE, steps.migrate(recipe).script(), StepKind.RUN_SCRIPT,
                properties.upgradeTimeout(), Compensation.ROLL_BACK_DISKS, reportFormat(recipe.migrate()),
                Duration.ZERO));
        Duration back = recipe.restart().deadline();
        if (properties.rebootWait() != null && properties.rebootWait().compareTo(back) < 0) {
            back = properties.rebootWait();
        }
        plan.add(new StepSpec(REBOOT, steps.restart("into the migration by " + recipe.tool()).script(),
                StepKind.RUN_SCRIPT_AND_AWAIT_REBOOT, properties.rebootTimeout(), Compensation.ROLL_BACK_DISKS,
                StepResultFormat.NONE, back));
        plan.add(new StepSpec(VERIFY, steps.verify(recipe, destination.get()).script(), StepKind.RUN_SCRIPT,
                properties.verifyTimeout(), Compensation.NONE, StepResultFormat.CHECKS, Duration.ZERO));
        return plan;
    }

    /**
     * The remedies to run: for each code the batch allows (in its order), what the drill's (or precheck's) findings
     * of that code name. A code no finding names needs no remedy; one whose remedy needs targets gets them only from
     * findings that name them.
     */
    private Map<String, List<String>> remedies(Job job, Recipe recipe) {
        Map<String, List<String>> remedies = new LinkedHashMap<>();
        for (String code : job.autoRemediate()) {
            Optional<Recipe.Step> remedy = recipe.remediation(code);
            List<Finding> named = job.findings().stream().filter(f -> code.equals(f.code())).toList();
            if (remedy.isEmpty() || named.isEmpty()) {
                continue;
            }
            Set<String> targets = new LinkedHashSet<>();
            named.forEach(f -> targets.addAll(f.targets()));
            boolean needsTargets = remedy.get().targetParam() != null && !"OSM_ANSWERS".equals(remedy.get().targetParam());
            if (needsTargets && targets.isEmpty()) {
                continue;
            }
            remedies.put(code, List.copyOf(targets));
        }
        return remedies;
    }

    private static void part(StringBuilder script, String what, String rendered, int failureBase) {
        script.append("(\n").append(rendered.replaceFirst("^#![^\n]*\n", "")).append("\n)\n")
                .append("status=$?\n")
                .append("if [ \"$status\" -ne 0 ]; then\n")
                .append("  echo \"osm: ").append(what).append(" failed with exit code $status\" >&2\n")
                .append("  exit $((").append(failureBase).append(" + status))\n")
                .append("fi\n");
    }

    private static StepResultFormat reportFormat(Recipe.Step step) {
        if (step == null || step.report() == null) {
            return StepResultFormat.NONE;
        }
        return "convert2rhel".equals(step.report().format()) ? StepResultFormat.CONVERT2RHEL_REPORT
                : StepResultFormat.LEAPP_REPORT;
    }

    private String noRecipe(Job job) {
        String why = path(job).map(p -> p.experimental()
                        ? "the path " + p.id() + " is experimental and has no recipe: " + p.reason()
                        : "the catalogue has no recipe " + p.recipe())
                .orElse("the migration catalogue has no path from this source's operating system to "
                        + job.destinationOs() + " (or the source's operating system is not known yet)");
        return "#!/bin/sh\necho 'osm: " + why.replace("'", "") + "' >&2\nexit 64\n";
    }
}
