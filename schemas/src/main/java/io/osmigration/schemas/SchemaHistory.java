package io.osmigration.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;

/**
 * Every schema version ever published, per event, oldest first.
 *
 * <p>Kept as resources under {@code schemas/history/<Event>/v<N>.avsc} and listed in
 * {@code schemas/history/index.txt} (a jar cannot be listed reliably). A reader needs the writer's schema to decode
 * bytes written by an older producer, so no version may ever be deleted from here.
 */
public final class SchemaHistory {

    static final String ROOT = "schemas/history/";

    private final Map<String, List<Schema>> versionsByEvent;

    private SchemaHistory(Map<String, List<Schema>> versionsByEvent) {
        this.versionsByEvent = versionsByEvent;
    }

    public static SchemaHistory load() {
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (String entry : readResource(ROOT + "index.txt").split("\n")) {
            String path = entry.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            String event = path.substring(0, path.indexOf('/'));
            Schema schema = new Schema.Parser().parse(readResource(ROOT + path));
            versions.computeIfAbsent(event, key -> new ArrayList<>()).add(schema);
        }
        versions.replaceAll((event, list) -> List.copyOf(list));
        return new SchemaHistory(Map.copyOf(versions));
    }

    /** A history built in memory, for tests that play an older producer. */
    static SchemaHistory of(Map<String, List<Schema>> versionsByEvent) {
        return new SchemaHistory(Map.copyOf(versionsByEvent));
    }

    /** Published versions of one event (simple record name), oldest first; empty if never published. */
    public List<Schema> versionsOf(String eventName) {
        return versionsByEvent.getOrDefault(eventName, List.of());
    }

    public List<Schema> allVersions() {
        return versionsByEvent.values().stream().flatMap(List::stream).toList();
    }

    private static String readResource(String path) {
        try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema history resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
