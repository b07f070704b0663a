package io.osmigration.executor.catalog;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.osmigration.executor.ExecutorProperties;

/**
 * Asks source-registry about sources this replica has not heard of on {@code osm.sources} yet ({@code GET
 * /api/v1/sources/{sourceId}}): the registry is where a source exists first, the topic only tells a moment later.
 */
@Component
class RegistryClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExecutorProperties.Registry settings;
    private final HttpClient http;

    RegistryClient(ExecutorProperties properties) {
        this.settings = properties.registry();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .build();
    }

    boolean enabled() {
        return settings.url() != null && !settings.url().isBlank();
    }

    /**
     * The sources among {@code sourceIds} that the registry knows, with at most {@code concurrency} lookups in flight.
     * Throws {@link SourcesUnavailableException} when the registry cannot answer (unreachable, 5xx, refused token).
     */
    Map<String, SourceCatalog.CatalogEntry> lookUp(Collection<String> sourceIds) {
        Map<String, SourceCatalog.CatalogEntry> found = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(settings.concurrency());
        List<CompletableFuture<Void>> lookups = new ArrayList<>();
        for (String sourceId : sourceIds) {
            inFlight.acquireUninterruptibly();
            lookups.add(http.sendAsync(request(sourceId), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(response -> read(sourceId, response).ifPresent(entry -> found.put(sourceId, entry)))
                    .whenComplete((done, failure) -> inFlight.release()));
        }
        try {
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SourcesUnavailableException("source-registry at " + settings.url()
                    + " could not be asked about " + sourceIds.size() + " sources: " + cause.getMessage(), cause);
        }
        return found;
    }

    private HttpRequest request(String sourceId) {
        String base = settings.url().endsWith("/") ? settings.url().substring(0, settings.url().length() - 1)
                : settings.url();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/sources/"
                        + URLEncoder.encode(sourceId, StandardCharsets.UTF_8)))
                .timeout(settings.timeout()).header("Accept", "application/json").GET();
        if (!settings.token().isBlank()) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        return request.build();
    }

    private static Optional<SourceCatalog.CatalogEntry> read(String sourceId, HttpResponse<String> response) {
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new CompletionException(new IOException("GET /api/v1/sources/" + sourceId + " answered "
                    + response.statusCode()));
        }
        try {
            JsonNode source = JSON.readTree(response.body());
            JsonNode os = source.path("os");
            String osText = (os.path("id").asString("") + " " + os.path("versionId").asString("")).trim();
            return Optional.of(new SourceCatalog.CatalogEntry(sourceId, text(source, "instanceId"),
                    text(source, "regionId"), osText.isEmpty() ? null : osText, text(source, "arch"),
                    text(source, "status"), text(source, "hostname")));
        } catch (JacksonException e) {
            throw new CompletionException(new IOException("source-registry's answer about " + sourceId
                    + " is not JSON: " + e.getOriginalMessage()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asString("").isBlank() ? null : value.asString();
    }
}
