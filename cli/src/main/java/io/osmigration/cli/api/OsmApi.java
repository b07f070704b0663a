package io.osmigration.cli.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.osmigration.cli.api.Model.ActivationCode;
import io.osmigration.cli.api.Model.Batch;
import io.osmigration.cli.api.Model.BatchReport;
import io.osmigration.cli.api.Model.BatchSummary;
import io.osmigration.cli.api.Model.ImportResult;
import io.osmigration.cli.api.Model.MigrationRequest;
import io.osmigration.cli.api.Model.Page;
import io.osmigration.cli.api.Model.Precheck;
import io.osmigration.cli.api.Model.ServerEvent;
import io.osmigration.cli.api.Model.Source;
import io.osmigration.cli.api.Model.Started;
import io.osmigration.cli.config.Service;
import io.osmigration.cli.config.Settings;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.type.TypeFactory;

/**
 * Every REST call the CLI makes, in one place: which service, method and path (docs/contract.md). When an API
 * changes, this class and {@link Model} are what change.
 */
public final class OsmApi {

    private static final TypeFactory TYPES = Http.JSON.getTypeFactory();

    private final Http http;

    public OsmApi(Settings settings) {
        this.http = new Http(settings);
    }

    // source-registry

    public ImportResult importEcs(String regionId, List<String> instanceIds) {
        return http.<ImportResult>post(Service.REGISTRY, "/api/v1/sources/ecs",
                Map.of("regionId", regionId, "instanceIds", instanceIds), type(ImportResult.class)).body();
    }

    public Page<Source> sources(String status, String os, String region, int page, int size) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("os", os);
        query.put("region", region);
        query.put("page", page);
        query.put("size", size);
        Http.Answer<List<Source>> answer = http.get(Service.REGISTRY, "/api/v1/sources" + Http.query(query),
                list(Source.class));
        return new Page<>(answer.body() == null ? List.of() : answer.body(), answer.totalCount());
    }

    public Optional<Source> source(String sourceId) {
        try {
            return Optional.ofNullable(http.<Source>get(Service.REGISTRY, "/api/v1/sources/" + Http.segment(sourceId),
                    type(Source.class)).body());
        } catch (ApiError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public ActivationCode createActivationCode(Integer quota, Integer validityDays, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("quota", quota);
        body.put("validityDays", validityDays);
        body.put("description", description);
        body.values().removeIf(java.util.Objects::isNull);
        return http.<ActivationCode>post(Service.REGISTRY, "/api/v1/activation-codes", body,
                type(ActivationCode.class)).body();
    }

    public List<ActivationCode> activationCodes() {
        return http.<List<ActivationCode>>get(Service.REGISTRY, "/api/v1/activation-codes", list(ActivationCode.class))
                .body();
    }

    // precheck-service

    public String startPrecheck(String sourceId, String destinationOs) {
        return http.<Started>post(Service.PRECHECK, "/api/v1/prechecks",
                Map.of("sourceId", sourceId, "destinationOs", destinationOs), type(Started.class)).body().precheckId();
    }

    public Precheck precheck(String precheckId) {
        return http.<Precheck>get(Service.PRECHECK, "/api/v1/prechecks/" + Http.segment(precheckId),
                type(Precheck.class)).body();
    }

    public BatchReport precheckReport(String batchId) {
        return http.<BatchReport>get(Service.PRECHECK, "/api/v1/prechecks" + Http.query(Map.of("batchId", batchId)),
                type(BatchReport.class)).body();
    }

    // migration-executor

    /** The batch, and whether this call created it (201) rather than finding the same requestId (200). */
    public record Submitted(Batch batch, boolean created) {
    }

    public Submitted submit(MigrationRequest request) {
        Http.Answer<Batch> answer = http.post(Service.EXECUTOR, "/api/v1/migrations", request, type(Batch.class));
        return new Submitted(answer.body(), answer.status() == 201);
    }

    public Page<BatchSummary> batches(String state, int page, int size) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("state", state);
        query.put("page", page);
        query.put("size", size);
        Http.Answer<List<BatchSummary>> answer = http.get(Service.EXECUTOR, "/api/v1/migrations" + Http.query(query),
                list(BatchSummary.class));
        return new Page<>(answer.body() == null ? List.of() : answer.body(), answer.totalCount());
    }

    public Batch batch(String batchId) {
        return http.<Batch>get(Service.EXECUTOR, "/api/v1/migrations/" + Http.segment(batchId), type(Batch.class))
                .body();
    }

    /** {@code pause}, {@code resume} or {@code cancel}. */
    public Batch control(String batchId, String action) {
        return http.<Batch>post(Service.EXECUTOR, "/api/v1/migrations/" + Http.segment(batchId) + ":" + action, null,
                type(Batch.class)).body();
    }

    /** {@code start} (approve a drilled job) or {@code cancel}. */
    public Batch controlJob(String batchId, String jobId, String action) {
        return http.<Batch>post(Service.EXECUTOR, "/api/v1/migrations/" + Http.segment(batchId) + "/jobs/"
                + Http.segment(jobId) + ":" + action, null, type(Batch.class)).body();
    }

    /**
     * Follows the batch's SSE stream on a background thread, from after {@code lastEventId} (null: from the start),
     * reconnecting where it left off when the connection drops. Close the stream to stop.
     */
    public EventStream events(String batchId, String lastEventId, Consumer<ServerEvent> onEvent,
                              Consumer<ApiError> onError) {
        String path = "/api/v1/migrations/" + Http.segment(batchId) + "/events";
        return EventStream.start(resumeAfter -> http.stream(Service.EXECUTOR, path, resumeAfter), lastEventId,
                onEvent, onError);
    }

    private static JavaType type(Class<?> type) {
        return TYPES.constructType(type);
    }

    private static JavaType list(Class<?> element) {
        return TYPES.constructCollectionType(List.class, element);
    }
}
