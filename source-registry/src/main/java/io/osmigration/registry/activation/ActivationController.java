package io.osmigration.registry.activation;

import java.net.InetSocketAddress;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.registry.source.SourceView;
import io.osmigration.platform.security.PublicEndpoint;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What servers call with an activation code instead of a bearer token (both are {@code @PublicEndpoint}s).
 *
 * <p>{@code POST /api/v1/sources/activate} takes {@code {activationCode, facts, identity?: {document, pkcs7,
 * audience}}} where {@code facts} is the raw text the collector script ({@code collect-facts.sh}) printed, sections
 * and all, and {@code identity} the ECS instance identity document and its signature from the metadata service.
 *
 * <p>{@code POST /api/v1/sources/heartbeat} takes {@code {sourceId, activationCode}}: the import script's optional
 * cron entry calls it every few minutes so that the source stays ONLINE.
 */
@RestController
@Tag(name = "Import script", description = "What the import one-liner calls on a server, authorised by its activation code")
class ActivationController {

    /** Whether the activation proved an ECS instance ({@code verified}) or why not ({@code unverified; <reason>}). */
    static final String IDENTITY_HEADER = "X-Osm-Instance-Identity";
    /** Collector output of a large server (thousands of packages) stays far below this. */
    static final int MAX_FACTS_CHARS = 4 * 1024 * 1024;

    private final ActivationService service;

    ActivationController(ActivationService service) {
        this.service = service;
    }

    @PublicEndpoint("activation code in the body (and, for an ECS instance, its signed identity document)")
    @PostMapping("/api/v1/sources/activate")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SourceView> activate(@Valid @RequestBody ActivateRequest body, ServerHttpRequest request,
                              ServerHttpResponse response) {
        String address = address(request);
        ActivationService.Identity identity = body.identity() == null ? null : new ActivationService.Identity(
                body.identity().document(), body.identity().pkcs7(), body.identity().audience());
        return Mono.fromCallable(() -> {
            ActivationService.Activation activation = service.activate(body.activationCode().trim(), body.facts(),
                    identity, address);
            response.getHeaders().set(IDENTITY_HEADER, activation.identity().verified() ? "verified"
                    : "unverified; " + activation.identity().reason());
            return SourceView.of(activation.source());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @PublicEndpoint("activation code in the body, which must be the one that activated the source")
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

    /**
     * {@code instanceId}/{@code regionId} are what older scripts sent; they are accepted and ignored: only a verified
     * {@code identity} makes the server an ECS instance.
     */
    record ActivateRequest(
            @NotBlank @Size(max = 200) String activationCode,
            @NotBlank @Size(max = MAX_FACTS_CHARS) String facts,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]*", message = "must be an ECS instance id") String instanceId,
            @Size(max = 64) @Pattern(regexp = "[a-z0-9-]*", message = "must be a region id") String regionId,
            @Valid IdentityDocument identity) {
    }

    /** The instance identity document, its PKCS#7 signature and the audience it was signed for, from the metadata service. */
    record IdentityDocument(@NotBlank @Size(max = 8192) String document, @NotBlank @Size(max = 16384) String pkcs7,
                            @Size(max = 256) String audience) {
    }

    record HeartbeatRequest(@NotBlank @Size(max = 64) String sourceId,
                            @NotBlank @Size(max = 200) String activationCode) {
    }

    record HeartbeatResponse(String sourceId, String status) {
    }
}
