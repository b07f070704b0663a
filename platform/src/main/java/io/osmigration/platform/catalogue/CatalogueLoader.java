package io.osmigration.platform.catalogue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads the YAML catalogue, resolves its references and checks it; every problem is reported, not just the first. */
final class CatalogueLoader {

    static final Set<String> POST_CHECKS = Set.of("os-release", "kernel-changed", "rpm-database", "leapp-upgrade-log");
    static final Set<String> REPORT_FORMATS = Set.of("leapp", "convert2rhel");
    static final Set<String> ARCHITECTURES = Set.of("x86_64", "aarch64");
    private static final Pattern FINDING_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern PARAM_NAME = Pattern.compile("OSM_[A-Z0-9_]+");
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String origin;
    private final List<String> problems = new ArrayList<>();
    private Map<String, Source> sources = Map.of();

    private CatalogueLoader(String origin) {
        this.origin = origin;
    }

    static MigrationCatalogue load(InputStream in, String origin) {
        CatalogueFile file;
        try {
            file = YAML.readValue(in, CatalogueFile.class);
        } catch (JacksonException e) {
            throw new CatalogueException(origin, List.of(e.getOriginalMessage()));
        } catch (RuntimeException e) {
            throw new CatalogueException(origin, List.of(String.valueOf(e.getMessage())));
        }
        return new CatalogueLoader(origin).resolve(file);
    }

    private MigrationCatalogue resolve(CatalogueFile file) {
        if (file.schemaVersion() != 1) {
            problem("schemaVersion is " + file.schemaVersion() + "; this build reads version 1");
        }
        sources = sources(file.sources());
        String mirror = file.mirror() == null ? null : file.mirror().defaultBaseUrl();
        if (mirror == null || !mirror.matches("https?://[A-Za-z0-9.:-]+")) {
            problem("mirror.defaultBaseUrl must be http(s)://host[:port], is " + mirror);
        }
        Map<String, Destination> destinations = destinations(file.destinations());
        Map<String, Recipe> recipes = new LinkedHashMap<>();
        for (CatalogueFile.RecipeEntry entry : list(file.recipes())) {
            Recipe recipe = recipe(entry);
            if (recipe != null && recipes.put(recipe.id(), recipe) != null) {
                problem("recipe " + recipe.id() + " is defined twice");
            }
        }
        List<MigrationPath> paths = paths(file.paths(), destinations.keySet(), recipes.keySet());
        if (!problems.isEmpty()) {
            throw new CatalogueException(origin, problems);
        }
        return new MigrationCatalogue(mirror, List.copyOf(destinations.values()), recipes, paths,
                refs(file.mirror().sources(), "mirror"), List.copyOf(sources.values()));
    }

    private Map<String, Source> sources(Map<String, CatalogueFile.SourceEntry> entries) {
        Map<String, Source> resolved = new LinkedHashMap<>();
        if (entries == null || entries.isEmpty()) {
            problem("sources: none defined");
            return resolved;
        }
        entries.forEach((id, e) -> {
            if (e.title() == null || e.title().isBlank()) {
                problem("source " + id + " has no title");
            }
            boolean located = notBlank(e.url()) || notBlank(e.repository()) && notBlank(e.path()) || notBlank(e.note());
            if (!located) {
                problem("source " + id + " says neither url, repository and path, nor a note on where to find it");
            }
            resolved.put(id, new Source(id, e.title(), e.url(), e.repository(), e.path(), e.note()));
        });
        return resolved;
    }

    private Map<String, Destination> destinations(List<Destination> entries) {
        Map<String, Destination> resolved = new LinkedHashMap<>();
        for (Destination d : list(entries)) {
            if (d.id() == null || d.osReleaseId() == null || d.versionPrefix() == null || d.name() == null) {
                problem("destination " + d.id() + " needs id, name, osReleaseId and versionPrefix");
            } else if (resolved.put(d.id(), d) != null) {
                problem("destination " + d.id() + " is defined twice");
            }
            if (d.elMajor() != 7 && d.elMajor() != 8) {
                problem("destination " + d.id() + ": elMajor must be 7 or 8");
            }
        }
        if (resolved.isEmpty()) {
            problem("destinations: none defined");
        }
        return resolved;
    }

    private Recipe recipe(CatalogueFile.RecipeEntry e) {
        String where = "recipe " + e.id();
        if (e.id() == null || !e.id().matches("[a-z0-9-]+")) {
            problem("a recipe needs an id of [a-z0-9-], has " + e.id());
            return null;
        }
        require(e.tool(), where + ": tool");
        require(e.summary(), where + ": summary");
        Recipe.Step install = step(e.install(), where + ".install", true);
        Recipe.Step preflight = step(e.preflight(), where + ".preflight", false);
        if (preflight == null && (e.preflightNote() == null || e.preflightNote().isBlank())) {
            problem(where + ": without a preflight it needs a preflightNote saying why");
        }
        Recipe.Step migrate = step(e.migrate(), where + ".migrate", true);
        List<Recipe.Answer> answers = new ArrayList<>();
        for (CatalogueFile.AnswerEntry a : list(e.answers())) {
            if (a.section() == null || !a.section().matches("[a-z0-9_]+\\.[a-z0-9_]+")) {
                problem(where + ": answer section must look like scope.key, is " + a.section());
            }
            if (a.defaultValue() == null || !a.defaultValue().matches("[A-Za-z0-9_]+")) {
                problem(where + ": answer " + a.section() + " needs a default of [A-Za-z0-9_]");
            }
            answers.add(new Recipe.Answer(a.section(), a.defaultValue(), refs(a.sources(), where + " answer " + a.section())));
        }
        Recipe.Step answerStep = step(e.answerStep(), where + ".answerStep", false);
        if (!answers.isEmpty() && answerStep == null) {
            problem(where + ": answers need an answerStep that records them");
        }
        Recipe.Restart restart = restart(e.restart(), where + ".restart");
        List<String> postChecks = list(e.postChecks());
        postChecks.stream().filter(c -> !POST_CHECKS.contains(c))
                .forEach(c -> problem(where + ": unknown post-check " + c + " (known: " + POST_CHECKS + ")"));
        if (!postChecks.contains("os-release")) {
            problem(where + ": postChecks must include os-release");
        }
        Map<String, Recipe.Step> remediations = new LinkedHashMap<>();
        if (e.remediations() != null) {
            e.remediations().forEach((code, step) -> {
                if (!FINDING_CODE.matcher(code).matches()) {
                    problem(where + ": remediation key " + code + " is not a finding code");
                }
                Recipe.Step resolved = step(step, where + ".remediations." + code, true);
                if (resolved != null) {
                    remediations.put(code, resolved);
                }
            });
        }
        if (install == null || migrate == null || restart == null) {
            return null;
        }
        List<Source> sources = new ArrayList<>();
        for (Recipe.Step s : new Recipe.Step[] {install, preflight, migrate}) {
            if (s != null) {
                s.sources().stream().filter(src -> !sources.contains(src)).forEach(sources::add);
            }
        }
        return new Recipe(e.id(), e.tool(), e.summary(), install, preflight, e.preflightNote(), answers, answerStep,
                migrate, restart, postChecks, remediations, sources);
    }

    private Recipe.Step step(CatalogueFile.StepEntry e, String where, boolean required) {
        if (e == null) {
            if (required) {
                problem(where + " is missing");
            }
            return null;
        }
        require(e.script(), where + ": script");
        require(e.command(), where + ": command");
        if (e.script() != null && RecipeScripts.class.getClassLoader()
                .getResource(RecipeScripts.RESOURCE_DIR + e.script()) == null) {
            problem(where + ": no script " + RecipeScripts.RESOURCE_DIR + e.script());
        }
        Map<String, String> params = e.params() == null ? Map.of() : e.params();
        params.forEach((name, value) -> {
            if (!PARAM_NAME.matcher(name).matches()) {
                problem(where + ": parameter " + name + " must be named OSM_[A-Z0-9_]+");
            }
            if (!RecipeScripts.isSafe(value.replace("{mirror}", "http://mirror.example"))) {
                problem(where + ": parameter " + name + " has characters a script parameter may not have: " + value);
            }
        });
        if (e.report() != null && (!REPORT_FORMATS.contains(e.report().format()) || e.report().path() == null)) {
            problem(where + ": report needs a format " + REPORT_FORMATS + " and a path");
        }
        List<Source> refs = refs(e.sources(), where);
        if (refs.isEmpty()) {
            problem(where + " cites no source");
        }
        if (e.exitCodes() != null) {
            e.exitCodes().keySet().stream().filter(code -> !code.matches("\\d{1,3}"))
                    .forEach(code -> problem(where + ": exit code " + code + " is not a number"));
        }
        if (e.targetParam() != null && !PARAM_NAME.matcher(e.targetParam()).matches()) {
            problem(where + ": targetParam " + e.targetParam() + " must be named OSM_[A-Z0-9_]+");
        }
        return new Recipe.Step(e.script(), e.command(), params, e.report(),
                e.exitCodes() == null ? Map.of() : e.exitCodes(), e.targetParam(), refs);
    }

    private Recipe.Restart restart(CatalogueFile.RestartEntry e, String where) {
        if (e == null) {
            problem(where + " is missing");
            return null;
        }
        if (e.reboots() < 1) {
            problem(where + ": reboots must be at least 1");
        }
        if (e.deadline() == null || e.deadline().isNegative() || e.deadline().isZero()) {
            problem(where + ": deadline must be a positive duration (ISO-8601, e.g. PT2H)");
        } else if (e.offlineExpected() != null && e.offlineExpected().compareTo(e.deadline()) > 0) {
            problem(where + ": offlineExpected is longer than the deadline");
        }
        List<Source> refs = refs(e.sources(), where);
        if (refs.isEmpty()) {
            problem(where + " cites no source");
        }
        return new Recipe.Restart(e.reboots(), e.offlineExpected(), e.deadline(), e.note(), refs);
    }

    private List<MigrationPath> paths(List<CatalogueFile.PathEntry> entries, Set<String> destinations,
                                      Set<String> recipes) {
        List<MigrationPath> paths = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CatalogueFile.PathEntry e : list(entries)) {
            SourceOs source = e.source();
            if (source == null || source.os() == null || source.version() == null || source.arch() == null) {
                problem("a path needs source.os, source.version and source.arch: " + e);
                continue;
            }
            String where = "path " + source.describe() + " -> " + e.destination();
            if (!ARCHITECTURES.contains(source.arch())) {
                problem(where + ": arch must be one of " + ARCHITECTURES);
            }
            if (!destinations.contains(e.destination())) {
                problem(where + ": unknown destination " + e.destination());
            }
            if (!seen.add(source.os() + "/" + source.version() + "/" + source.arch() + "/" + e.destination())) {
                problem(where + " is listed twice");
            }
            PathStatus status;
            try {
                status = PathStatus.valueOf(Objects.requireNonNullElse(e.status(), "supported").toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException bad) {
                problem(where + ": status must be supported or experimental, is " + e.status());
                continue;
            }
            if (status == PathStatus.SUPPORTED && !recipes.contains(e.recipe())) {
                problem(where + ": a supported path needs a known recipe, has " + e.recipe());
            }
            if (status == PathStatus.EXPERIMENTAL && (e.recipe() != null || e.reason() == null || e.reason().isBlank())) {
                problem(where + ": an experimental path has no recipe and says why (reason)");
            }
            List<Source> refs = refs(e.sources(), where);
            if (refs.isEmpty()) {
                problem(where + " cites no source");
            }
            paths.add(new MigrationPath(source, e.destination(), e.recipe(), status, Boolean.TRUE.equals(e.allowListed()),
                    e.reason(), refs));
        }
        if (paths.isEmpty()) {
            problem("paths: none defined");
        }
        return paths;
    }

    private List<Source> refs(List<String> ids, String where) {
        List<Source> resolved = new ArrayList<>();
        for (String id : list(ids)) {
            Source source = sources.get(id);
            if (source == null) {
                problem(where + ": unknown source " + id);
            } else {
                resolved.add(source);
            }
        }
        return resolved;
    }

    private void require(String value, String what) {
        if (value == null || value.isBlank()) {
            problem(what + " is missing");
        }
    }

    private void problem(String text) {
        problems.add(text);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
