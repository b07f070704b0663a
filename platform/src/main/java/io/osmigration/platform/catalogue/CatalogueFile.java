package io.osmigration.platform.catalogue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The YAML file as written, before references are resolved and checked (see {@link CatalogueLoader}). */
record CatalogueFile(int schemaVersion, MirrorEntry mirror, Map<String, SourceEntry> sources,
                     List<Destination> destinations, List<RecipeEntry> recipes, List<PathEntry> paths) {

    record MirrorEntry(String defaultBaseUrl, List<String> sources) {
    }

    record SourceEntry(String title, String url, String repository, String path, String note) {
    }

    record StepEntry(String script, String command, Map<String, String> params, Recipe.Report report,
                     Map<String, String> exitCodes, String targetParam, List<String> sources) {
    }

    record AnswerEntry(String section, @JsonProperty("default") String defaultValue, List<String> sources) {
    }

    record RestartEntry(int reboots, Duration offlineExpected, Duration deadline, String note, List<String> sources) {
    }

    record RecipeEntry(String id, String tool, String summary, StepEntry install, StepEntry preflight,
                       String preflightNote, List<AnswerEntry> answers, StepEntry answerStep, StepEntry migrate,
                       RestartEntry restart, List<String> postChecks, Map<String, StepEntry> remediations,
                       List<String> sources) {
    }

    record PathEntry(SourceOs source, String destination, String recipe, String status, Boolean allowListed,
                     String reason, List<String> sources) {
    }
}
