package io.osmigration.simulator;

import java.util.Map;

/** An ECS-shaped answer: HTTP status plus the JSON body (ordered maps and lists). */
public record ApiResponse(int status, Map<String, Object> body) {

    public String json() {
        return Json.write(body);
    }

    public boolean isError() {
        return status >= 400;
    }
}
