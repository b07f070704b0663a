package io.osmigration.registry.source;

import java.util.List;
import java.util.Locale;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.platform.web.ApiException;
import io.osmigration.platform.web.QueryParameters;
import io.osmigration.registry.source.domain.SourceStatus;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lists and shows sources. The list is a JSON array (the contract's shape); paging is by {@code page} (from 0) and
 * {@code size} (1..500), with the total in the {@code X-Total-Count} header.
 */
@RestController
@Tag(name = "Sources", description = "Servers to migrate: imported ECS instances and activated servers")
@RequestMapping("/api/v1/sources")
class SourceController {

    static final int MAX_PAGE_SIZE = 500;

    private final Sources sources;

    SourceController(Sources sources) {
        this.sources = sources;
    }

    @GetMapping
    Mono<ResponseEntity<List<SourceView>>> list(@RequestParam(required = false) String status,
                                                @RequestParam(required = false) String os,
                                                @RequestParam(required = false) String region,
                                                @RequestParam(defaultValue = "0") String page,
                                                @RequestParam(defaultValue = "50") String size) {
        Sources.SourceFilter filter = new Sources.SourceFilter(status(status), os, region);
        int pageNumber = QueryParameters.wholeNumber("page", page, 0, 1_000_000);
        int pageSize = QueryParameters.wholeNumber("size", size, 1, MAX_PAGE_SIZE);
        return Mono.fromCallable(() -> {
            List<SourceView> items = sources.list(filter, pageNumber, pageSize).stream().map(SourceView::of).toList();
            return ResponseEntity.ok().header("X-Total-Count", Long.toString(sources.count(filter))).body(items);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/{sourceId}")
    Mono<SourceView> get(@PathVariable String sourceId) {
        return Mono.fromCallable(() -> sources.find(sourceId).map(SourceView::of)
                        .orElseThrow(() -> ApiException.notFound("Source " + sourceId)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static SourceStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return SourceStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("status", "must be ONLINE or OFFLINE");
        }
    }
}
