package io.osmigration.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import io.osmigration.executor.batch.BatchService;
import io.osmigration.executor.batch.BatchStore;
import io.osmigration.executor.batch.BatchSummaries;
import io.osmigration.executor.domain.BatchCommand;
import io.osmigration.executor.domain.JobState;
import io.osmigration.executor.job.JobStore;

/**
 * Every query the executor sends to MongoDB is served by an index. A replica runs a batch through the whole saga
 * (and the job grid and the batch list are read; the SSE streams' reads are not, the replica serves no HTTP) while a driver {@link CommandListener} records the
 * shape of each command: collection, the fields it filters on, its sort. Each shape must be able to use one of the
 * collection's declared indexes: its filter names the index's first field (or {@code _id}), in every branch of an
 * {@code $or}. MongoDB's {@code explain} would say the same on a real server; the embedded one has no planner, so
 * the check is made against the declared indexes, which is what a real server plans with.
 */
class IndexCoverageTest {

    private static final TestEnvironment env = TestEnvironment.get();
    private static final Map<String, Set<String>> shapes = new ConcurrentHashMap<>();
    private static ConfigurableApplicationContext replica;

    @BeforeAll
    static void start() {
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if ("osm_executor_indexes".equals(event.getDatabaseName())) {
                    record(event.getCommandName(), event.getCommand());
                }
            }
        };
        replica = ReplicaSupport.start("migration-executor-indexes", "osm_executor_indexes",
                context -> context.getBeanFactory().registerSingleton("recordingMongoCommands",
                        (MongoClientSettingsBuilderCustomizer) settings -> settings.addCommandListener(recorder)));
    }

    @AfterAll
    static void stop() {
        replica.close();
    }

    @Test
    void everyQueryOfTheExecutorIsServedByAnIndex() {
        BatchService batches = replica.getBean(BatchService.class);
        BatchCommand command = new BatchCommand("indexes-" + UUID.randomUUID(), "anolis8",
                List.of(new BatchCommand.Target(TestFleet.sourceId(TestFleet.clean(39)), null),
                        new BatchCommand.Target(TestFleet.sourceId(TestFleet.clean(40)), null)),
                "NONE", true, 2, null, null, null);
        await().atMost(Duration.ofSeconds(60)).until(() -> !batches.submit(command, "test").refused());
        String batchId = batches.submit(command, "test").batch().batchId();
        await().atMost(Duration.ofSeconds(90)).until(() -> replica.getBean(BatchStore.class).find(batchId)
                .map(batch -> batch.finishedAt() != null).orElse(false));
        JobStore jobs = replica.getBean(JobStore.class);
        jobs.page(batchId, EnumSet.of(JobState.COMPLETED), "exec", 0, 10);
        jobs.latestOfSource(TestFleet.sourceId(TestFleet.clean(39)), EnumSet.allOf(JobState.class));
        BatchSummaries summaries = replica.getBean(BatchSummaries.class);
        summaries.page(null, 0, 20);
        summaries.page("COMPLETED", 0, 20);
        summaries.count("RUNNING");

        MongoTemplate mongo = replica.getBean(MongoTemplate.class);
        List<String> uncovered = new ArrayList<>();
        Map<String, Set<String>> checked = new TreeMap<>(shapes);
        checked.forEach((collection, queries) -> {
            List<List<String>> indexes = indexes(mongo, collection);
            for (String query : queries) {
                if (!covered(query, indexes)) {
                    uncovered.add(collection + " " + query + " (indexes " + indexes + ")");
                }
            }
        });
        checked.forEach((collection, queries) -> System.out.println("Index coverage: " + collection + " " + queries));
        assertThat(checked).containsKeys("jobs", "batches");
        assertThat(uncovered).as("queries no index serves").isEmpty();
    }

    private static void record(String command, BsonDocument body) {
        String collection = body.get(command) != null && body.get(command).isString()
                ? body.getString(command).getValue() : null;
        if (collection == null) {
            return;
        }
        switch (command) {
            case "find", "count", "distinct" -> add(collection, body.getDocument(command.equals("find") ? "filter"
                    : "query", new BsonDocument()), body.getDocument("sort", new BsonDocument()));
            case "findAndModify" -> add(collection, body.getDocument("query", new BsonDocument()),
                    body.getDocument("sort", new BsonDocument()));
            case "update" -> body.getArray("updates", new BsonArray()).forEach(u ->
                    add(collection, u.asDocument().getDocument("q"), new BsonDocument()));
            case "delete" -> body.getArray("deletes", new BsonArray()).forEach(d ->
                    add(collection, d.asDocument().getDocument("q"), new BsonDocument()));
            case "aggregate" -> {
                BsonArray pipeline = body.getArray("pipeline", new BsonArray());
                BsonDocument match = pipeline.isEmpty() || !pipeline.get(0).asDocument().containsKey("$match")
                        ? new BsonDocument() : pipeline.get(0).asDocument().getDocument("$match");
                add(collection, match, new BsonDocument());
            }
            default -> {
            }
        }
    }

    private static void add(String collection, BsonDocument filter, BsonDocument sort) {
        shapes.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet())
                .add(shape(filter) + (sort.isEmpty() ? "" : " sort " + sort.keySet()));
    }

    /** The filter's fields, nested $or/$and branches as {a|b}; values left out. */
    private static String shape(BsonDocument filter) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, BsonValue> entry : filter.entrySet()) {
            if (entry.getKey().equals("$or") || entry.getKey().equals("$and")) {
                List<String> branches = new ArrayList<>();
                entry.getValue().asArray().forEach(b -> branches.add(shape(b.asDocument())));
                parts.add(entry.getKey() + "{" + String.join("|", branches) + "}");
            } else {
                parts.add(entry.getKey());
            }
        }
        return "[" + String.join(",", parts) + "]";
    }

    /**
     * Whether an index can serve the query: the filter names an index's first field (an $or only the fields every
     * branch names), or there is no filter and an index's first field is the sort's.
     */
    private static boolean covered(String query, List<List<String>> indexes) {
        String filter = query.contains(" sort ") ? query.substring(0, query.indexOf(" sort ")) : query;
        Set<String> fields = fields(filter);
        if (fields.isEmpty() && query.contains(" sort [")) {
            // No filter: an index on the sort walks the collection in order (the page's limit bounds the read).
            String sort = query.substring(query.indexOf(" sort [") + 7).split("[,\\]]")[0].trim();
            return indexes.stream().anyMatch(index -> index.get(0).equals(sort));
        }
        return indexes.stream().anyMatch(index -> fields.contains(index.get(0)));
    }

    private static Set<String> fields(String shape) {
        Set<String> fields = new LinkedHashSet<>();
        String inner = shape.substring(1, shape.length() - 1);
        int depth = 0;
        StringBuilder current = new StringBuilder();
        List<String> parts = new ArrayList<>();
        for (char c : inner.toCharArray()) {
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        for (String part : parts) {
            if (part.startsWith("$and{")) {
                splitBranches(part).forEach(branch -> fields.addAll(fields(branch)));
            } else if (part.startsWith("$or{")) {
                List<Set<String>> each = splitBranches(part).stream().map(IndexCoverageTest::fields).toList();
                Set<String> common = new LinkedHashSet<>(each.isEmpty() ? Set.of() : each.get(0));
                each.forEach(common::retainAll);
                fields.addAll(common);
            } else {
                fields.add(part);
            }
        }
        return fields;
    }

    private static List<String> splitBranches(String part) {
        String body = part.substring(part.indexOf('{') + 1, part.length() - 1);
        List<String> branches = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : body.toCharArray()) {
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            if (c == '|' && depth == 0) {
                branches.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        branches.add(current.toString());
        return branches;
    }

    private static List<List<String>> indexes(MongoTemplate mongo, String collection) {
        List<List<String>> indexes = new ArrayList<>();
        for (Document index : mongo.getCollection(collection).listIndexes()) {
            indexes.add(new ArrayList<>(index.get("key", Document.class).keySet()));
        }
        return indexes;
    }
}
