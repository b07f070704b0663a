package io.osmigration.platform.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * springdoc settings every service shares, as the lowest-precedence property source so a service's yml can still
 * change any of them: OpenAPI 3.1, the document at {@code /v3/api-docs} with keys in a stable order (the committed
 * copies in {@code docs/openapi/} are compared with it), only the {@code /api/**} paths, Swagger UI at
 * {@code /swagger-ui.html}, and the error responses of {@link ProblemResponses} instead of springdoc's guesses from
 * the controller advice.
 */
public final class OpenApiDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "osmOpenApiDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("springdoc.api-docs.version", "openapi_3_1");
        defaults.put("springdoc.api-docs.path", "/v3/api-docs");
        defaults.put("springdoc.swagger-ui.path", "/swagger-ui.html");
        defaults.put("springdoc.paths-to-match", "/api/**");
        defaults.put("springdoc.writer-with-order-by-keys", "true");
        defaults.put("springdoc.writer-with-default-pretty-printer", "true");
        defaults.put("springdoc.override-with-generic-response", "false");
        defaults.put("springdoc.default-produces-media-type", "application/json");
        defaults.put("springdoc.swagger-ui.try-it-out-enabled", "true");
        defaults.put("springdoc.swagger-ui.persist-authorization", "true");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
