package io.osmigration.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Building blocks of ECS JSON. Lists are always wrapped ({@code "Instances": {"Instance": [...]}})
 * because the SDK's reader drops that inner key when it flattens arrays.
 */
final class Responses {

    private Responses() {
    }

    /** A body to which the facade adds RequestId. */
    static Map<String, Object> ok() {
        return new LinkedHashMap<>();
    }

    static Map<String, Object> page(int total, int pageNumber, int pageSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TotalCount", total);
        m.put("PageNumber", pageNumber);
        m.put("PageSize", pageSize);
        return m;
    }

    static Map<String, Object> wrap(String itemName, List<?> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(itemName, items);
        return m;
    }

    static <T> List<T> slice(List<T> all, int pageNumber, int pageSize) {
        long from = (long) (pageNumber - 1) * pageSize;
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + pageSize));
    }
}
