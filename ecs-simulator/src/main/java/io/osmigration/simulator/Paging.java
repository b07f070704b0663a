package io.osmigration.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * ECS's two ways of paging a list (DescribeInstances, DescribeCloudAssistantStatus,
 * DescribeInvocations, DescribeInvocationResults): {@code PageNumber}/{@code PageSize}, or
 * {@code MaxResults} with the {@code NextToken} the previous page returned; once {@code NextToken}
 * or {@code MaxResults} is given, PageNumber and PageSize do not take effect (API reference,
 * "Operation description"). The token is opaque to clients.
 */
final class Paging {

    private static final String PREFIX = "osm-sim-offset:";

    private Paging() {
    }

    /** The page of {@code all} the request asks for; puts TotalCount and the paging fields into {@code body}. */
    static <T> List<T> page(Params p, List<T> all, int defaultSize, int maxPageSize, int maxResults, Map<String, Object> body) {
        String token = p.optional("NextToken");
        boolean tokens = token != null || p.optional("MaxResults") != null;
        body.put("TotalCount", all.size());
        if (tokens) {
            int max = p.integer("MaxResults", defaultSize, 1, maxResults);
            int from = token == null ? 0 : offset(token, all.size());
            int to = (int) Math.min(all.size(), (long) from + max);
            body.put("MaxResults", max);
            body.put("NextToken", to < all.size() ? encode(to) : "");
            return all.subList(from, to);
        }
        int pageNumber = p.integer("PageNumber", 1, 1, Integer.MAX_VALUE);
        int pageSize = p.integer("PageSize", defaultSize, 1, maxPageSize);
        body.put("PageNumber", pageNumber);
        body.put("PageSize", pageSize);
        return Responses.slice(all, pageNumber, pageSize);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int offset(String token, int size) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (s.startsWith(PREFIX)) {
                int n = Integer.parseInt(s.substring(PREFIX.length()));
                if (n >= 0 && n <= size) {
                    return n;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error
        }
        throw new EcsException(400, "InvalidNextToken.Malformed", "The specified parameter NextToken is not valid.");
    }
}
