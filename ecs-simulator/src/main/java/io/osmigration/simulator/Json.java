package io.osmigration.simulator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The simulator's one JSON mapper (Jackson 3); responses are ordered maps, so no annotations needed. */
final class Json {

    // Null fields are left out, as ECS does (e.g. FinishedTime of a running command).
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL)
                    .withContentInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses a JSON array of strings such as ECS's {@code InstanceIds=["i-1","i-2"]}; null if malformed. */
    static List<String> stringArray(String json) {
        try {
            List<String> list = MAPPER.readValue(json, new TypeReference<List<String>>() { });
            return list == null || list.stream().anyMatch(s -> s == null) ? null : list;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Parses a JSON object of string values (RunCommand Parameters); null if malformed. */
    static Map<String, Object> object(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JacksonException e) {
            return null;
        }
    }
}
