package io.osmigration.executor.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.web.ApiException;
import io.osmigration.platform.web.QueryParameters;

/**
 * One page of a batch's jobs (GET /api/v1/migrations/{batchId}/jobs).
 *
 * @param total  jobs that match the filter, over all pages
 * @param counts the whole batch's jobs per state (states without jobs left out), whatever the filter
 */
public record JobGrid(String batchId, int page, int size, long total, Map<String, Integer> counts,
                      List<BatchView.JobView> jobs) {

    static final int MAX_TEXT = 100;

    static JobGrid of(String batchId, Query query, JobStore.JobPage page) {
        return new JobGrid(batchId, query.page(), query.size(), page.total(), page.counts().asMap(),
                page.jobs().stream().map(BatchView::job).toList());
    }

    /** The grid's query parameters, checked all at once: a 400 names every bad one. */
    record Query(Set<JobState> states, String text, int page, int size) {

        static Query parse(String state, String q, String page, String size, int maxSize) {
            List<ApiException.FieldError> errors = new ArrayList<>();
            Set<JobState> states = EnumSet.noneOf(JobState.class);
            if (state != null && !state.isBlank()) {
                for (String name : state.split(",")) {
                    String wanted = name.trim().toUpperCase(Locale.ROOT);
                    try {
                        states.add(JobState.valueOf(wanted));
                    } catch (IllegalArgumentException unknown) {
                        errors.add(new ApiException.FieldError("state", "unknown state '" + name.trim()
                                + "'; one or more (comma-separated) of " + String.join(", ",
                                Arrays.stream(JobState.values()).map(Enum::name).toList())));
                        break;
                    }
                }
            }
            if (q != null && q.length() > MAX_TEXT) {
                errors.add(new ApiException.FieldError("q", "at most " + MAX_TEXT + " characters"));
            }
            int pageNumber = number("page", page, 0, 1_000_000, errors);
            int pageSize = number("size", size, 1, maxSize, errors);
            if (!errors.isEmpty()) {
                throw ApiException.badRequest(String.join("; ", errors.stream()
                        .map(e -> e.field() + ": " + e.message()).toList()), errors);
            }
            return new Query(states, q == null ? "" : q.strip(), pageNumber, pageSize);
        }

        private static int number(String field, String value, int min, int max, List<ApiException.FieldError> errors) {
            try {
                return QueryParameters.wholeNumber(field, value, min, max);
            } catch (ApiException e) {
                errors.addAll(e.errors());
                return min;
            }
        }
    }
}
