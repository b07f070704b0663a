package io.osmigration.cli.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.osmigration.cli.config.Service;
import io.osmigration.cli.config.Settings;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON over HTTP to the five services with the JDK's client: the bearer token on every call, problem+json answers
 * turned into {@link ApiError}s, connection failures into a sentence that says which service was not there.
 */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** An ECS import waits for the fact collector on each instance (source-registry's facts-timeout, 60 s). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final Settings settings;
    private final HttpClient client;

    Http(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An answer: status, body and the headers the CLI reads. */
    record Answer<T>(int status, T body, long totalCount) {
    }

    <T> Answer<T> get(Service service, String path, JavaType type) {
        return exchange(service, request(service, path).GET(), type);
    }

    <T> Answer<T> post(Service service, String path, Object body, JavaType type) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        return exchange(service, request(service, path).header("Content-Type", "application/json")
                .POST(publisher), type);
    }

    /** A {@code text/event-stream} response, open; the caller reads and closes it. */
    InputStream stream(Service service, String path, String lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(service, path))
                .header("Accept", "text/event-stream").GET();
        settings.bearer().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response = send(service, builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                throw failure(service, response.statusCode(), body.readAllBytes());
            } catch (IOException e) {
                throw new ApiError(response.statusCode(), service.serviceName() + ": " + response.statusCode(), List.of());
            }
        }
        return response.body();
    }

    static String query(Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null && !String.valueOf(value).isBlank()) {
                query.add(name + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(Service service, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(service, path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
        settings.bearer().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        return builder;
    }

    private URI uri(Service service, String path) {
        return URI.create(settings.url(service).toString() + path);
    }

    private <T> Answer<T> exchange(Service service, HttpRequest.Builder builder, JavaType type) {
        HttpResponse<byte[]> response = send(service, builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw failure(service, response.statusCode(), response.body());
        }
        long total = response.headers().firstValueAsLong("X-Total-Count").orElse(-1);
        try {
            T body = response.body().length == 0 ? null : JSON.readValue(response.body(), type);
            return new Answer<>(response.statusCode(), body, total);
        } catch (JacksonException e) {
            throw new ApiError(response.statusCode(), service.serviceName() + " answered something that is not the "
                    + "expected JSON (" + e.getOriginalMessage() + ")", List.of());
        }
    }

    private <T> HttpResponse<T> send(Service service, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(service, "connection refused or timed out");
        } catch (HttpTimeoutException e) {
            throw unreachable(service, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(service, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(0, "interrupted", List.of());
        }
    }

    private ApiError unreachable(Service service, String why) {
        return new ApiError(0, "cannot reach " + service.serviceName() + " at " + settings.url(service) + " (" + why
                + "); is osmigration running? Set --url, OSM_URL or " + service.environmentVariable(), List.of());
    }

    /** {@code <service>: <status> <title>: <detail>[ (field: message; ...)]} from a problem+json body, or the status. */
    static ApiError failure(Service service, int status, byte[] body) {
        String title = null;
        String detail = null;
        List<ApiError.FieldError> errors = new ArrayList<>();
        try {
            JsonNode problem = JSON.readTree(body);
            title = text(problem, "title");
            detail = text(problem, "detail");
            for (JsonNode error : problem.path("errors")) {
                errors.add(new ApiError.FieldError(text(error, "field"), text(error, "message")));
            }
        } catch (JacksonException | IllegalArgumentException notJson) {
            // a proxy's HTML page or nothing: the status says enough
        }
        StringBuilder message = new StringBuilder(service.serviceName()).append(": ").append(status);
        if (title != null) {
            message.append(' ').append(title);
        }
        String said = detail == null ? "" : detail.replaceAll("\\s+", " ").strip();
        if (!said.isEmpty()) {
            message.append(": ").append(said);
        }
        if (!errors.isEmpty() && !errors.stream().allMatch(e -> said.contains(String.valueOf(e.field())))) {
            StringJoiner fields = new StringJoiner("; ", " (", ")");
            errors.forEach(e -> fields.add(e.field() + ": " + e.message()));
            message.append(fields);
        }
        return new ApiError(status, message.toString(), errors);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
