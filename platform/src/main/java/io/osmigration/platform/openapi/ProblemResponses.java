package io.osmigration.platform.openapi;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Describes what the platform does for every operation and the code cannot say: the problem+json error responses
 * (400 when the operation takes input, 401 unless it is public, 404 when the path names something, 500 always; any
 * other 4xx/5xx an operation declares gets the problem+json body too), and
 * no bearer requirement on the paths a service authorises by other means ({@code osm.security.public-paths}) unless
 * the operation declares its own.
 */
final class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final List<PathPattern> publicPaths;

    ProblemResponses(List<String> publicPaths) {
        this.publicPaths = publicPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public void customise(OpenAPI openApi) {
        Map<String, Schema> schemas = ModelConverters.getInstance(true).readAll(Problem.class);
        schemas.forEach(openApi.getComponents()::addSchemas);
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            boolean open = isPublic(path);
            item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation, open));
        });
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation, boolean open) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            add(responses, "400", "The request is invalid; `errors` names each offending field");
        }
        if (open && operation.getSecurity() == null) {
            operation.setSecurity(List.of());
        } else {
            add(responses, "401", "No bearer token, or not a valid one");
        }
        if (path.contains("{")) {
            add(responses, "404", "No such resource");
        }
        add(responses, "500", "The server failed; its log says why");
        // Every error body is problem+json (springdoc would give a declared 409 the operation's return type).
        responses.forEach((status, response) -> {
            if (status.matches("[45]\\d\\d")) {
                response.setContent(problemContent());
            }
        });
    }

    private static void add(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(status, new ApiResponse().description(description).content(problemContent()));
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }

    /** A path template ({@code /api/v1/migrations/{batchId}/events}) against the configured public patterns. */
    private boolean isPublic(String template) {
        PathContainer path = PathContainer.parsePath(template.replaceAll("\\{[^}/]+}", "x"));
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
