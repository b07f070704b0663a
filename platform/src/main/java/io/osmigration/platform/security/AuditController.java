package io.osmigration.platform.security;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.osmigration.platform.web.ApiException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /api/v1/audit?resource=&actor=&from=&to=&limit=}: the audit trail of every service, newest first, for
 * admins. {@code from} (inclusive) and {@code to} (exclusive) are ISO-8601 instants.
 */
@RestController
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/v1/audit")
    @Access(Role.ADMIN)
    Mono<List<AuditEntry>> find(@RequestParam(required = false) String resource,
                                @RequestParam(required = false) String actor,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to,
                                @RequestParam(defaultValue = "100") int limit) {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.invalidField("to", "must be after from");
        }
        if (limit < 1 || limit > AuditTrail.MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + AuditTrail.MAX_LIMIT);
        }
        return Mono.fromCallable(() -> trail.find(resource, actor, since, until, limit))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
