package io.osmigration.simulator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Thin WebFlux adapter: {@code POST|GET /} is the OpenAPI (the SDK POSTs with every parameter in
 * the query string and an empty form body), {@code /_sim/**} are the operator/test hooks.
 */
final class SimulatorRoutes {

    private static final MediaType JSON = MediaType.parseMediaType("application/json;charset=UTF-8");

    private final EcsSimulator simulator;

    SimulatorRoutes(EcsSimulator simulator) {
        this.simulator = simulator;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/", this::api)
                .GET("/", this::api)
                .nest(RequestPredicates.path("/_sim"), b -> b
                        .GET("/calls", r -> json(simulator.calls(r.queryParam("action").orElse(null), r.queryParam("instanceId").orElse(null))))
                        .GET("/calls/per-second", r -> json(perSecond(r.queryParam("action").orElse(null))))
                        .GET("/instances", r -> json(simulator.instances()))
                        .POST("/instances/{id}/cloud-assistant", this::cloudAssistant)
                        .POST("/instances/{id}/status", this::status)
                        .POST("/throttle", this::throttle)
                        .POST("/reset", r -> Mono.fromRunnable(simulator::reset).subscribeOn(Schedulers.boundedElastic())
                                .then(json(Map.of("reset", true))))
                        .filter((request, next) -> loopbackOnly(request) ? next.handle(request) : problem(HttpStatus.FORBIDDEN,
                                "/_sim hooks only answer loopback clients")))
                .build();
    }

    private Mono<ServerResponse> api(ServerRequest request) {
        Mono<MultiValueMap<String, String>> form = request.headers().contentType()
                .filter(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
                .map(t -> request.formData())
                .orElse(Mono.just(new LinkedMultiValueMap<>()));
        return form.flatMap(body -> {
            Map<String, String> params = new LinkedHashMap<>();
            body.forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
            request.queryParams().forEach((k, v) -> params.put(k, v.isEmpty() || v.get(0) == null ? "" : v.get(0)));
            ApiRequest apiRequest = new ApiRequest(request.method().name(), params);
            // The engine may touch files (fake roots, snapshots): keep it off the event loop.
            return Mono.fromCallable(() -> simulator.handle(apiRequest)).subscribeOn(Schedulers.boundedElastic());
        }).flatMap(response -> {
            Duration latency = simulator.settings().latency();
            Mono<ServerResponse> reply = ServerResponse.status(response.status()).contentType(JSON).bodyValue(response.json());
            return latency.isZero() ? reply : Mono.delay(latency).then(reply);
        });
    }

    // {"action": null|"X", "max": n, "seconds": [{"second": "2026-...Z", "calls": n}, ...]}
    private Map<String, Object> perSecond(String action) {
        java.util.List<Map<String, Object>> seconds = new java.util.ArrayList<>();
        simulator.callsPerSecond(action).forEach((second, count) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("second", java.time.Instant.ofEpochSecond(second).toString());
            m.put("calls", count);
            seconds.add(m);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        body.put("max", simulator.maxCallsPerSecond(action));
        body.put("seconds", seconds);
        return body;
    }

    private Mono<ServerResponse> cloudAssistant(ServerRequest r) {
        Optional<String> online = r.queryParam("online");
        if (online.isEmpty() || !online.get().matches("true|false")) {
            return problem(HttpStatus.BAD_REQUEST, "query parameter online=true|false is required");
        }
        return hook(() -> simulator.setCloudAssistant(r.pathVariable("id"), Boolean.parseBoolean(online.get())));
    }

    private Mono<ServerResponse> status(ServerRequest r) {
        Optional<String> value = r.queryParam("value");
        if (value.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "query parameter value=<Running|Stopped|...> is required");
        }
        return hook(() -> simulator.setInstanceStatus(r.pathVariable("id"), value.get()));
    }

    private Mono<ServerResponse> throttle(ServerRequest r) {
        try {
            double ratio = Double.parseDouble(r.queryParam("ratio").orElse("x"));
            simulator.setThrottleRatio(ratio);
            return json(Map.of("throttleRatio", ratio));
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "query parameter ratio must be a number within 0.0..1.0");
        }
    }

    private Mono<ServerResponse> hook(Supplier<InstanceView> action) {
        return Mono.fromCallable(action::get).subscribeOn(Schedulers.boundedElastic())
                .flatMap(this::json)
                .onErrorResume(EcsException.class, e -> problem(HttpStatus.NOT_FOUND, e.getMessage()))
                .onErrorResume(IllegalArgumentException.class, e -> problem(HttpStatus.BAD_REQUEST, e.getMessage()));
    }

    private boolean loopbackOnly(ServerRequest request) {
        if (!simulator.settings().hooksLoopbackOnly()) {
            return true;
        }
        return request.remoteAddress().map(InetSocketAddress::getAddress).map(a -> a != null && a.isLoopbackAddress()).orElse(false);
    }

    private Mono<ServerResponse> json(Object value) {
        return ServerResponse.ok().contentType(JSON).bodyValue(Json.write(value));
    }

    private Mono<ServerResponse> problem(HttpStatus status, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).bodyValue(Json.write(body));
    }
}
