package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import io.osmigration.platform.security.EndpointAccess;
import io.osmigration.platform.security.EndpointRule;
import io.osmigration.platform.security.Role;

/**
 * Every API endpoint of all five services × every role, on the running all-in-one stack. The endpoints come from each
 * service's own handler mappings, so a new endpoint is in the matrix at once, and one without an {@code @Access} or
 * {@code @PublicEndpoint} decision fails it.
 */
class EndpointRoleMatrixTest {

    /** The documented public endpoints (README of source-registry): authorised by an activation code instead. */
    private static final Set<String> PUBLIC = Set.of("source-registry GET /api/v1/import.sh",
            "source-registry POST /api/v1/sources/activate", "source-registry POST /api/v1/sources/heartbeat");
    private static final Map<Role, String> TOKENS = Map.of(Role.VIEWER, AllInOneStack.VIEWER_TOKEN,
            Role.OPERATOR, AllInOneStack.OPERATOR_TOKEN, Role.ADMIN, AllInOneStack.TOKEN);

    private static List<Endpoint> endpoints;

    @BeforeAll
    static void collectEndpoints() {
        AllInOne stack = AllInOneStack.get();
        endpoints = new ArrayList<>();
        for (ConfigurableApplicationContext context : stack.contexts()) {
            String service = context.getEnvironment().getProperty("spring.application.name");
            if ("ecs-simulator".equals(service)) {
                continue;
            }
            int port = stack.port(service);
            for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
                mapping.getHandlerMethods().forEach((info, handler) -> endpoints.addAll(endpoints(service, port, info, handler)));
            }
        }
    }

    @Test
    void everyEndpointOfEveryServiceDeclaresWhoMayCallIt() {
        assertThat(endpoints).extracting(Endpoint::service).contains("source-registry", "precheck-service",
                "snapshot-service", "migration-executor", "notification-service");
        assertThat(endpoints).filteredOn(endpoint -> !endpoint.rule().declared()).extracting(Endpoint::toString)
                .as("endpoints without @Access or @PublicEndpoint").isEmpty();
        assertThat(endpoints).filteredOn(endpoint -> endpoint.rule().isPublic()).extracting(Endpoint::key)
                .containsExactlyInAnyOrderElementsOf(PUBLIC);
    }

    @Test
    void viewersChangeNothingAndOnlyAdminsManageTheSystem() {
        assertThat(endpoints).filteredOn(endpoint -> !endpoint.rule().isPublic() && endpoint.changesState())
                .allSatisfy(endpoint -> assertThat(endpoint.rule().role()).as("%s", endpoint).isNotEqualTo(Role.VIEWER));
        Set<String> adminOnly = new TreeSet<>();
        endpoints.stream().filter(endpoint -> endpoint.rule().role() == Role.ADMIN).forEach(e -> adminOnly.add(e.key()));
        assertThat(adminOnly).contains("notification-service POST /api/v1/channels",
                "snapshot-service POST /api/v1/snapshots/jobs/{jobAction}",
                "source-registry POST /api/v1/activation-codes", "migration-executor POST /api/v1/tokens",
                "precheck-service GET /api/v1/audit");
    }

    @Test
    void eachRoleGetsExactlyWhatItsEndpointsAllowAndNoTokenGetsNothingButThePublicOnes() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.rule().isPublic()) {
                continue;
            }
            expect(wrong, endpoint, null, call(endpoint, null), 401);
            for (Role role : Role.values()) {
                int status = call(endpoint, TOKENS.get(role));
                if (role.covers(endpoint.rule().role())) {
                    if (status == 401 || status == 403) {
                        wrong.add(endpoint + " as " + role.wireName() + ": " + status);
                    }
                } else {
                    expect(wrong, endpoint, role, status, 403);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(endpoints.size()).as("endpoints in the matrix").isGreaterThan(35);
    }

    @Test
    void aRefusalNamesTheRoleNeededAsProblemJson() throws Exception {
        Endpoint pause = endpoints.stream().filter(e -> e.key().equals("migration-executor POST /api/v1/migrations/{batchId}:pause"))
                .findFirst().orElseThrow();
        HttpResponse<String> response = fresh().send(request(pause, AllInOneStack.VIEWER_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE));
        assertThat(response.body()).contains("\"requiredRole\":\"operator\"").contains("\"role\":\"viewer\"")
                .contains("batch.pause needs the operator role; the token 'e2e-viewer' has the viewer role");
    }

    private static void expect(List<String> wrong, Endpoint endpoint, Role role, int status, int expected) {
        if (status != expected) {
            wrong.add(endpoint + " as " + (role == null ? "anonymous" : role.wireName()) + ": " + status
                    + " (expected " + expected + ")");
        }
    }

    /**
     * The status only: SSE streams never end, so the body is closed unread. A stream with nothing to send yet may not
     * even answer its headers, while a refusal (401/403) always comes at once: for a stream, silence means it was let in.
     */
    private static int call(Endpoint endpoint, String token) throws Exception {
        boolean stream = endpoint.accept().startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
        HttpRequest.Builder request = request(endpoint, token);
        if (!stream) {
            // A connection of its own per call: a refusal answered before the request body was read must not leave
            // that body in a pooled connection for the next request.
            try {
                return fresh().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.net.http.HttpTimeoutException e) {
                StringBuilder threads = new StringBuilder();
                Thread.getAllStackTraces().forEach((thread, stack) -> {
                    String frames = java.util.Arrays.stream(stack).map(String::valueOf)
                            .filter(f -> f.contains("osmigration") || f.contains("bwaldvogel") || f.contains("Lock")
                                    || f.contains("park") || f.contains("wait"))
                            .limit(12).reduce("", (a, b) -> a + "\n    " + b);
                    if (frames.contains("osmigration") || frames.contains("bwaldvogel")) {
                        threads.append("\n").append(thread.getName()).append(" ").append(thread.getState()).append(frames);
                    }
                });
                throw new AssertionError(endpoint + " as " + token + " did not answer; threads:" + threads, e);
            }
        }
        request.timeout(Duration.ofSeconds(10));
        try {
            HttpResponse<InputStream> response = fresh().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (java.net.http.HttpTimeoutException e) {
            if (stream) {
                return 200;
            }
            throw new AssertionError(endpoint + " did not answer", e);
        }
    }

    private static HttpClient fresh() {
        // HTTP/1.1: the h2c upgrade the JDK client offers on a plain GET can leave a request to Reactor Netty unanswered.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpRequest.Builder request(Endpoint endpoint, String token) {
        String path = endpoint.pattern().replaceAll("\\{[^}]+}", "x-matrix") + (endpoint.query().isEmpty() ? ""
                : "?" + endpoint.query());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(90)).header("Accept", endpoint.accept());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher empty = HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8);
        return switch (endpoint.method()) {
            case "GET" -> builder.GET();
            case "DELETE" -> builder.DELETE();
            default -> builder.header("Content-Type", "application/json").method(endpoint.method(), empty);
        };
    }

    private static List<Endpoint> endpoints(String service, int port, RequestMappingInfo info, HandlerMethod handler) {
        List<Endpoint> found = new ArrayList<>();
        Set<MediaType> produces = info.getProducesCondition().getProducibleMediaTypes();
        String accept = produces.isEmpty() ? "*/*" : produces.iterator().next().toString();
        Map<String, String> params = new LinkedHashMap<>();
        info.getParamsCondition().getExpressions().forEach(e -> params.put(e.getName(), "x-matrix"));
        String query = String.join("&", params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
            if (!pattern.getPatternString().startsWith("/api/")) {
                continue;
            }
            for (var method : info.getMethodsCondition().getMethods()) {
                String action = method.name() + " " + pattern.getPatternString();
                EndpointRule rule = EndpointAccess.declaredRule(handler, action)
                        .orElse(new EndpointRule(null, action, null, false, true));
                found.add(new Endpoint(service, port, method.name(), pattern.getPatternString(), query, accept, rule));
            }
        }
        return found;
    }

    record Endpoint(String service, int port, String method, String pattern, String query, String accept,
                    EndpointRule rule) {

        String key() {
            return service + " " + method + " " + pattern;
        }

        boolean changesState() {
            return !method.equals("GET") && rule.audited();
        }

        @Override
        public String toString() {
            return key() + (query.isEmpty() ? "" : "?" + query) + " [" + accept + "]";
        }
    }
}
