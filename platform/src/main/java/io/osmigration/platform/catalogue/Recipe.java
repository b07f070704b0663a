package io.osmigration.platform.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one tool migrates an instance, step by step, each step a script of {@code io/osmigration/scripts/recipes/}.
 *
 * @param preflight     the tool's own check (the drill); null when the tool has none
 * @param preflightNote why there is none
 * @param answers       the dialogs the tool asks and their default answers (configuration may override them)
 * @param answerStep    records the answers; null when the tool asks nothing
 * @param remediations  known remedies by finding code, each a step with a known command
 */
public record Recipe(String id, String tool, String summary, Step install, Step preflight, String preflightNote,
                     List<Answer> answers, Step answerStep, Step migrate, Restart restart, List<String> postChecks,
                     Map<String, Step> remediations, List<Source> sources) {

    public Recipe {
        answers = List.copyOf(answers);
        postChecks = List.copyOf(postChecks);
        remediations = Map.copyOf(remediations);
        sources = List.copyOf(sources);
    }

    public Optional<Step> remediation(String findingCode) {
        return Optional.ofNullable(remediations.get(findingCode));
    }

    /**
     * One step on the instance.
     *
     * @param command   the tool's command the script runs, as its documentation writes it (for people and docs)
     * @param params    script parameters; values may contain {@code {mirror}}
     * @param report    the report the step leaves (and the script returns as its result); null when none
     * @param exitCodes what each exit code of the script means
     * @param targetParam for a remediation: the parameter that takes what the finding names (modules, packages)
     */
    public record Step(String script, String command, Map<String, String> params, Report report,
                       Map<String, String> exitCodes, String targetParam, List<Source> sources) {

        public Step {
            params = Map.copyOf(params);
            exitCodes = Map.copyOf(exitCodes);
            sources = List.copyOf(sources);
        }
    }

    /** @param format {@code leapp} or {@code convert2rhel}: which parser reads it */
    public record Report(String format, String path) {
    }

    /** @param defaultValue the answer unless {@code osm.migration.answers.<section>} says otherwise */
    public record Answer(String section, String defaultValue, List<Source> sources) {

        public Answer {
            sources = List.copyOf(sources);
        }
    }

    /**
     * What follows the migration step.
     *
     * @param reboots         how many times the instance restarts before it runs the destination (ours included)
     * @param offlineExpected how long the instance is usually unreachable (null: only the reboots' own time)
     * @param deadline        after this long without the instance back online, the migration has failed
     */
    public record Restart(int reboots, Duration offlineExpected, Duration deadline, String note,
                          List<Source> sources) {

        public Restart {
            sources = List.copyOf(sources);
        }
    }
}
