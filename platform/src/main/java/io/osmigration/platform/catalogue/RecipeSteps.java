package io.osmigration.platform.catalogue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.osmigration.platform.cloud.assistant.Capture;

/**
 * A recipe's steps as scripts ready for Cloud Assistant: the catalogue's parameters with the configured mirror and
 * answers, and what each step returns. What the executor runs, step by step.
 */
public final class RecipeSteps {

    /** @param capture what the step's result is: its report or its checks ({@link Capture#FILE}), or nothing */
    public record RenderedStep(String name, String script, Capture capture) {
    }

    private final MigrationCatalogue catalogue;
    private final MigrationProperties properties;

    public RecipeSteps(MigrationCatalogue catalogue, MigrationProperties properties) {
        this.catalogue = catalogue;
        this.properties = properties;
    }

    public RenderedStep install(Recipe recipe) {
        return step("INSTALL", recipe.install(), Map.of());
    }

    /** The tool's own check (the drill); empty for a tool without one. */
    public Optional<RenderedStep> preflight(Recipe recipe) {
        return Optional.ofNullable(recipe.preflight()).map(step -> step("DRILL", step, Map.of()));
    }

    /** Records the dialogs' answers (configured ones over the catalogue's defaults); empty when none are asked. */
    public Optional<RenderedStep> answers(Recipe recipe) {
        if (recipe.answerStep() == null || recipe.answers().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(step("ANSWER", recipe.answerStep(),
                Map.of("OSM_ANSWERS", String.join(" ", properties.answersFor(recipe)))));
    }

    public RenderedStep migrate(Recipe recipe) {
        return step("UPGRADE", recipe.migrate(), Map.of());
    }

    /** Ends with exit 194: Cloud Assistant reports the step, then restarts the instance. */
    public RenderedStep restart(String reason) {
        Map<String, String> params = new HashMap<>(Map.of("OSM_STEP", "REBOOT"));
        if (reason != null) {
            params.put("OSM_REASON", reason);
        }
        return new RenderedStep("REBOOT", RecipeScripts.render("restart.sh", params), Capture.NONE);
    }

    public RenderedStep verify(Recipe recipe, Destination destination) {
        return new RenderedStep("VERIFY", RecipeScripts.render("verify-migration.sh", Map.of(
                "OSM_STEP", "VERIFY",
                "OSM_EXPECTED_ID", destination.osReleaseId(),
                "OSM_EXPECTED_VERSION", destination.versionPrefix(),
                "OSM_CHECKS", String.join(" ", recipe.postChecks()))), Capture.FILE);
    }

    /**
     * The known remedy for a finding, aimed at what the finding names ({@code targets}: modules, packages, answers;
     * for the missing answers, the configured ones when the finding names none). Empty when the recipe knows none.
     */
    public Optional<RenderedStep> remediation(Recipe recipe, String findingCode, List<String> targets) {
        return recipe.remediation(findingCode).map(step -> {
            Map<String, String> extra = new HashMap<>();
            if (step.targetParam() != null) {
                List<String> values = targets.isEmpty() && "OSM_ANSWERS".equals(step.targetParam())
                        ? properties.answersFor(recipe) : targets;
                if (values.isEmpty()) {
                    throw new IllegalArgumentException("The remedy for " + findingCode + " needs what to act on");
                }
                extra.put(step.targetParam(), String.join(" ", values));
            }
            return step("REMEDIATE_" + findingCode, step, extra);
        });
    }

    private RenderedStep step(String name, Recipe.Step step, Map<String, String> extra) {
        Map<String, String> params = new HashMap<>(extra);
        params.putIfAbsent("OSM_STEP", name);
        Capture capture = step.report() != null ? Capture.FILE : Capture.NONE;
        return new RenderedStep(name, RecipeScripts.render(step, properties.mirror(catalogue), params), capture);
    }
}
