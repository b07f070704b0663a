package io.osmigration.registry.ecs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.osmigration.platform.web.ApiException;
import io.osmigration.registry.source.SourceSummary;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code POST /api/v1/sources/ecs}: import ECS instances by region and id. */
@RestController
@Tag(name = "Sources", description = "Servers to migrate: imported ECS instances and activated servers")
class EcsImportController {

    static final int MAX_INSTANCES = 1000;
    private static final java.util.regex.Pattern INSTANCE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final EcsImportService service;

    EcsImportController(EcsImportService service) {
        this.service = service;
    }

    @PostMapping("/api/v1/sources/ecs")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ImportResponse> importInstances(@Valid @RequestBody ImportRequest request) {
        List<String> ids = validIds(request.instanceIds());
        return Mono.fromCallable(() -> new ImportResponse(service.importInstances(request.regionId().trim(), ids)
                        .stream().map(ImportedSource::of).toList()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Duplicates are imported once; malformed ids are refused by name before any cloud call. */
    private static List<String> validIds(List<String> requested) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String id = requested.get(i) == null ? "" : requested.get(i).trim();
            if (!INSTANCE_ID.matcher(id).matches()) {
                errors.add(new ApiException.FieldError("instanceIds[" + i + "]", "must be an ECS instance id"));
            }
            ids.add(id);
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest("instanceIds: " + errors.size() + " malformed instance id(s)", errors);
        }
        return List.copyOf(ids);
    }

    record ImportRequest(
            @NotBlank @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be a region id such as cn-hangzhou")
            String regionId,
            @NotEmpty @Size(max = MAX_INSTANCES) List<String> instanceIds) {
    }

    record ImportResponse(List<ImportedSource> sources) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImportedSource(String sourceId, String instanceId, String status, String statusReason) {

        static ImportedSource of(SourceSummary source) {
            return new ImportedSource(source.sourceId(), source.instanceId(), source.status().name(),
                    source.statusReason());
        }
    }
}
