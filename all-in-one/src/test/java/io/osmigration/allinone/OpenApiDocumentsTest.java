package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's OpenAPI document, as it serves it without a token, against the copy committed in
 * {@code docs/openapi/<service>.json} (so an API change is a visible diff in review) and against the paths
 * {@code docs/contract.md} lists for that service.
 * <p>
 * After an intended API change, regenerate the copies with
 * {@code ./mvnw -B -pl all-in-one -am verify -Dtest=OpenApiDocumentsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dosm.openapi.update=true} and commit them.
 */
class OpenApiDocumentsTest {

    static final String UPDATE = "osm.openapi.update";
    private static final Path DOCS = Path.of("..", "docs");
    /** Sorted keys and two-space indentation: the same document always gives the same bytes. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Pattern CALL = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE) (/[^`\\s?]*)[^`]*`");

    @ParameterizedTest
    @ValueSource(strings = {AllInOneConfig.SOURCE_REGISTRY, AllInOneConfig.PRECHECK, AllInOneConfig.SNAPSHOT,
            AllInOneConfig.EXECUTOR, AllInOneConfig.NOTIFICATION})
    void theServedDocumentIsTheCommittedOne(String service) throws IOException {
        String served = canonical(document(service));
        Path committed = DOCS.resolve("openapi").resolve(service + ".json");
        if (Boolean.getBoolean(UPDATE)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served);
        }
        assertThat(committed).as("docs/openapi/%s.json is missing: run this test with -D%s=true", service, UPDATE)
                .exists();
        assertThat(served).as("%s's API changed: look at the diff, then regenerate docs/openapi/%s.json with -D%s=true",
                service, service, UPDATE).isEqualTo(Files.readString(committed));
    }

    @ParameterizedTest
    @ValueSource(strings = {AllInOneConfig.SOURCE_REGISTRY, AllInOneConfig.PRECHECK, AllInOneConfig.SNAPSHOT,
            AllInOneConfig.EXECUTOR, AllInOneConfig.NOTIFICATION})
    void theDocumentIsOpenApi31AndNamesEveryPathTheContractListsForTheService(String service) throws IOException {
        JsonNode document = document(service);
        assertThat(document.path("openapi").asString()).startsWith("3.1");
        assertThat(document.path("info").path("title").asString()).isEqualTo("osmigration " + service);
        List<String[]> calls = contractCalls(service);
        assertThat(calls).as("docs/contract.md lists %s's API", service).isNotEmpty();
        for (String[] call : calls) {
            assertThat(document.path("paths").path(call[1]).has(call[0].toLowerCase(Locale.ROOT)))
                    .as("%s %s (docs/contract.md) is in %s's OpenAPI document", call[0], call[1], service).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {AllInOneConfig.SOURCE_REGISTRY, AllInOneConfig.PRECHECK, AllInOneConfig.SNAPSHOT,
            AllInOneConfig.EXECUTOR, AllInOneConfig.NOTIFICATION})
    void theBearerSchemeAndProblemResponsesAreDescribed(String service) {
        JsonNode document = document(service);
        JsonNode bearer = document.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.path("security").findValues("bearer")).isNotEmpty();
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").has("errors")).isTrue();
        List<JsonNode> operations = new ArrayList<>();
        document.path("paths").forEach(item -> item.forEach(operations::add));
        assertThat(operations).isNotEmpty().allSatisfy(operation -> {
            assertThat(operation.path("responses").has("500")).isTrue();
            operation.path("responses").properties().stream().filter(response -> response.getKey().matches("[45]\\d\\d"))
                    .forEach(response -> assertThat(response.getValue().path("content").properties())
                            .as("%s %s", operation.path("operationId").asString(), response.getKey())
                            .singleElement().satisfies(content -> {
                                assertThat(content.getKey()).isEqualTo("application/problem+json");
                                assertThat(content.getValue().path("schema").path("$ref").asString())
                                        .isEqualTo("#/components/schemas/Problem");
                            }));
        });
        assertThat(operations).filteredOn(operation -> !operation.has("security"))
                .allSatisfy(operation -> assertThat(operation.path("responses").has("401")).isTrue());
    }

    @org.junit.jupiter.api.Test
    void pathsAuthorisedOtherwiseCarryNoBearerRequirement() {
        JsonNode registry = document(AllInOneConfig.SOURCE_REGISTRY);
        assertThat(registry.path("paths").path("/api/v1/import.sh").path("get").path("security").isArray()).isTrue();
        assertThat(registry.path("paths").path("/api/v1/import.sh").path("get").path("security")).isEmpty();
        assertThat(registry.path("paths").path("/api/v1/import.sh").path("get").path("responses").has("401")).isFalse();
        JsonNode stream = document(AllInOneConfig.EXECUTOR).path("paths").path("/api/v1/migrations/{batchId}/events")
                .path("get");
        assertThat(stream.path("security").findValues("bearer")).as("bearer or ticket").isNotEmpty();
        assertThat(stream.path("security").findValues("streamTicket")).isNotEmpty();
    }

    /** The document as served, without a token, minus {@code servers} (it names the port this run listens on). */
    private static JsonNode document(String service) {
        byte[] body = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + AllInOneStack.get().port(service))
                .responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        JsonNode document = CANONICAL.readTree(body);
        ((tools.jackson.databind.node.ObjectNode) document).remove("servers");
        return document;
    }

    private static String canonical(JsonNode document) {
        return CANONICAL.writeValueAsString(CANONICAL.convertValue(document, Object.class)) + "\n";
    }

    /**
     * {@code [method, path]} of every call in the contract's section for the service ({@code ## <service> (port)}),
     * skipping what a bullet marks as not built yet (after {@code (coming)}).
     */
    static List<String[]> contractCalls(String service) throws IOException {
        String contract = Files.readString(DOCS.resolve("contract.md"));
        Matcher heading = Pattern.compile("(?m)^## " + Pattern.quote(service) + " \\(\\d+\\)$").matcher(contract);
        if (!heading.find()) {
            return List.of();
        }
        int end = contract.indexOf("\n## ", heading.end());
        String section = contract.substring(heading.end(), end < 0 ? contract.length() : end);
        Map<String, String[]> calls = new LinkedHashMap<>();
        for (String item : section.split("\n(?=- )")) {
            int coming = item.indexOf("(coming)");
            Matcher call = CALL.matcher(coming < 0 ? item : item.substring(0, coming));
            while (call.find()) {
                calls.putIfAbsent(call.group(1) + " " + call.group(2), new String[] {call.group(1), call.group(2)});
            }
        }
        return List.copyOf(calls.values());
    }
}
