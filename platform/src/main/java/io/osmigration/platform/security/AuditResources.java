package io.osmigration.platform.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.server.ServerWebExchange;

/**
 * Lets a controller name the resource a request created or acted on when the path does not show it (e.g. the batch
 * id of {@code POST /api/v1/migrations}), so that the audit trail can be filtered by it. Path variables are recorded
 * without this.
 */
public final class AuditResources {

    static final String ATTRIBUTE = AuditResources.class.getName();

    private AuditResources() {
    }

    /** Records {@code id} as the main resource of this request (the last one added wins). */
    public static void add(ServerWebExchange exchange, String id) {
        if (id == null || id.isBlank()) {
            return;
        }
        List<String> ids = exchange.getAttributeOrDefault(ATTRIBUTE, new ArrayList<>());
        ids.add(id);
        exchange.getAttributes().put(ATTRIBUTE, ids);
    }

    static List<String> of(ServerWebExchange exchange) {
        List<String> ids = exchange.getAttribute(ATTRIBUTE);
        return ids == null ? List.of() : List.copyOf(ids);
    }
}
