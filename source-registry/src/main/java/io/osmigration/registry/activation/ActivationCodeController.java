package io.osmigration.registry.activation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.osmigration.registry.activation.domain.ActivationCode;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Create, list and revoke activation codes (bearer token required). The code is in the creation answer only. */
@RestController
@Tag(name = "Activation codes", description = "Codes that let servers import themselves with the one-liner; the code is shown only when created")
@RequestMapping("/api/v1/activation-codes")
class ActivationCodeController {

    private final ActivationService service;
    private final PublicUrl publicUrl;
    private final Clock clock;

    ActivationCodeController(ActivationService service, PublicUrl publicUrl, Clock clock) {
        this.service = service;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CreatedView> create(@Valid @RequestBody(required = false) CreateRequest body, ServerHttpRequest request) {
        CreateRequest create = body == null ? new CreateRequest(null, null, null) : body;
        String base = publicUrl.of(request);
        return Mono.fromCallable(() -> {
            ActivationService.CreatedCode created = service.create(
                    create.quota() == null ? ActivationCode.DEFAULT_QUOTA : create.quota(),
                    create.validityDays() == null ? ActivationCode.DEFAULT_VALIDITY_DAYS : create.validityDays(),
                    create.description());
            ActivationCode code = created.activationCode();
            return new CreatedView(code.id(), created.code(), code.quota(), code.used(), code.createdAt(),
                    code.expiresAt(), code.description(),
                    "curl -fsSL " + base + "/api/v1/import.sh | sudo OSM_ACTIVATION_CODE=" + created.code() + " sh");
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping
    Mono<List<CodeView>> list() {
        return Mono.fromCallable(() -> {
            Instant now = clock.instant();
            return service.list().stream().map(code -> CodeView.of(code, now)).toList();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/{id}:revoke")
    Mono<CodeView> revoke(@PathVariable String id) {
        return Mono.fromCallable(() -> CodeView.of(service.revoke(id), clock.instant()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    @DeleteMapping("/{id}")
    Mono<CodeView> delete(@PathVariable String id) {
        return revoke(id);
    }

    record CreateRequest(
            @Min(ActivationCode.MIN_QUOTA) @Max(ActivationCode.MAX_QUOTA) Integer quota,
            @Min(ActivationCode.MIN_VALIDITY_DAYS) @Max(ActivationCode.MAX_VALIDITY_DAYS) Integer validityDays,
            @Size(max = 200) String description) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CreatedView(String id, String code, int quota, int used, Instant createdAt, Instant expiresAt,
                       String description, String importCommand) {
    }

    /** A code without the code: what anyone with an API token may see later. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CodeView(String id, int quota, int used, Instant createdAt, Instant expiresAt, boolean revoked,
                    String state, String description) {

        static CodeView of(ActivationCode code, Instant now) {
            return new CodeView(code.id(), code.quota(), code.used(), code.createdAt(), code.expiresAt(),
                    code.revoked(), code.stateAt(now), code.description());
        }
    }
}
