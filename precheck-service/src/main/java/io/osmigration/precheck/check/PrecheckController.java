package io.osmigration.precheck.check;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.platform.web.ApiException;
import io.osmigration.precheck.report.BatchReport;
import io.osmigration.precheck.report.CheckOutcome;
import io.osmigration.precheck.report.TextReports;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@Tag(name = "Pre-checks", description = "Migratability checks with findings and remedies; whole-batch blocker views")
@RequestMapping("/api/v1/prechecks")
class PrecheckController {

    private final PrecheckService precheckService;

    PrecheckController(PrecheckService precheckService) {
        this.precheckService = precheckService;
    }

    record StartRequest(@NotBlank String sourceId, @NotBlank String destinationOs) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Map<String, String>> start(@Valid @RequestBody StartRequest request) {
        return blocking(() -> Map.of("precheckId",
                precheckService.startStandalone(request.sourceId(), request.destinationOs())));
    }

    @GetMapping(path = "/{precheckId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PrecheckView> get(@PathVariable String precheckId) {
        return blocking(() -> PrecheckView.of(load(precheckId)));
    }

    @GetMapping(path = "/{precheckId}", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<String> getText(@PathVariable String precheckId) {
        return blocking(() -> {
            PrecheckDocument check = load(precheckId);
            String facts = check.factsCollectedAt() == null ? null
                    : (check.factsStale() ? "stale, from the last import at " : "collected at ") + check.factsCollectedAt();
            return TextReports.single(outcome(check), check.sourceOs(), check.arch(), facts);
        });
    }

    @GetMapping(params = "batchId", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<BatchReport> batch(@RequestParam String batchId) {
        return blocking(() -> batchReport(batchId));
    }

    @GetMapping(params = "batchId", produces = MediaType.TEXT_PLAIN_VALUE)
    Mono<String> batchText(@RequestParam String batchId) {
        return blocking(() -> TextReports.batch(batchReport(batchId)));
    }

    private BatchReport batchReport(String batchId) {
        if (batchId.isBlank()) {
            throw ApiException.invalidField("batchId", "must not be blank");
        }
        List<CheckOutcome> outcomes = precheckService.findByBatch(batchId).stream()
                .map(PrecheckController::outcome).toList();
        return BatchReport.of(batchId, outcomes);
    }

    private PrecheckDocument load(String precheckId) {
        return precheckService.find(precheckId).orElseThrow(() -> ApiException.notFound("Pre-check " + precheckId));
    }

    private static CheckOutcome outcome(PrecheckDocument check) {
        return new CheckOutcome(check.precheckId(), check.sourceId(), check.instanceId(), check.destinationOs(),
                check.status(), check.findings());
    }

    private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }
}
