package io.osmigration.registry.activation;

import java.net.InetSocketAddress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.registry.source.SourceView;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What servers call with an activation code instead of a bearer token (both paths are in
 * {@code osm.security.public-paths}).
 *
 * <p>{@code POST /api/v1/sources/activate} takes {@code {activationCode, facts, instanceId?, regionId?}} where
 * {@code facts} is the raw text the collector script ({@code collect-facts.sh}) printed, sections and all, and
 * instanceId/regionId come from the ECS metadata service when the server has one.
 *
 * <p>{@code POST /api/v1/sources/heartbeat} takes {@code {sourceId, activationCode}}: the import script's optional
 * cron entry calls it every few minutes so that the source stays ONLINE.
 */
@RestController
@Tag(name = "Import script", description = "What the import one-liner calls on a server, authorised by its activation code")
class ActivationController {

    /** Collector output of a large server (thousands of packages) stays far below this. */
    static final int MAX_FACTS_CHARS = 4 * 1024 * 1024;

    private final ActivationService service;

    ActivationController(ActivationService service) {
        this.service = service;
    }

    @PostMapping("/api/v1/sources/activate")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SourceView> activate(@Valid @RequestBody ActivateRequest body, ServerHttpRequest request) {
        String address = address(request);
        return Mono.fromCallable(() -> SourceView.of(service.activate(body.activationCode().trim(), body.facts(),
                        blankToNull(body.instanceId()), blankToNull(body.regionId()), address)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/api/v1/sources/heartbeat")
    Mono<HeartbeatResponse> heartbeat(@Valid @RequestBody HeartbeatRequest body, ServerHttpRequest request) {
        String address = address(request);
        return Mono.fromCallable(() -> {
            var source = service.heartbeat(body.sourceId().trim(), body.activationCode().trim(), address);
            return new HeartbeatResponse(source.sourceId(), source.status().name());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    record ActivateRequest(
            @NotBlank @Size(max = 200) String activationCode,
            @NotBlank @Size(max = MAX_FACTS_CHARS) String facts,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]*", message = "must be an ECS instance id") String instanceId,
            @Size(max = 64) @Pattern(regexp = "[a-z0-9-]*", message = "must be a region id") String regionId) {
    }

    record HeartbeatRequest(@NotBlank @Size(max = 64) String sourceId,
                            @NotBlank @Size(max = 200) String activationCode) {
    }

    record HeartbeatResponse(String sourceId, String status) {
    }
}
