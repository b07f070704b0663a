package io.osmigration.simulator;

import java.util.Map;

/**
 * One OpenAPI call as received over HTTP: the method (it is part of the string to sign) and all
 * parameters from the query string and a form body, already URL-decoded.
 */
public record ApiRequest(String method, Map<String, String> params) {

    public ApiRequest {
        method = method == null ? "POST" : method;
        params = Map.copyOf(params);
    }
}
