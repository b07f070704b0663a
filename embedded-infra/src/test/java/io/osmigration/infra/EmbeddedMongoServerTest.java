package io.osmigration.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.awaitility.Awaitility.await;

class EmbeddedMongoServerTest {

    @TempDir
    Path dir;

    @Test
    void insertFindAndUniqueIndexInMemory() {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).build().start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(mongo.connectionString()).matches("mongodb://127\\.0\\.0\\.1:\\d+");
            MongoCollection<Document> hosts = client.getDatabase("osm").getCollection("hosts");
            hosts.createIndex(Indexes.ascending("instanceId"), new IndexOptions().unique(true));

            hosts.insertOne(new Document("instanceId", "i-1").append("os", "centos7"));
            assertThat(hosts.find(eq("instanceId", "i-1")).first()).containsEntry("os", "centos7");

            // The plain driver reports a duplicate as MongoWriteException, category DUPLICATE_KEY, code 11000;
            // Spring Data's MongoTemplate translates that into org.springframework.dao.DuplicateKeyException.
            assertThatThrownBy(() -> hosts.insertOne(new Document("instanceId", "i-1")))
                    .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                        assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
                        assertThat(e.getCode()).isEqualTo(11000);
                    });
            assertThat(hosts.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void changeStreamSeesInserts() {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).oplog(true).build().start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("osm").getCollection("events");
            events.insertOne(new Document("n", 0)); // collection must exist before watching
            List<Integer> seen = new CopyOnWriteArrayList<>();
            try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor = events.watch().cursor()) {
                events.insertOne(new Document("n", 1));
                await().atMost(10, TimeUnit.SECONDS).until(() -> {
                    ChangeStreamDocument<Document> change = cursor.tryNext();
                    if (change != null) {
                        seen.add(change.getFullDocument().getInteger("n"));
                    }
                    return seen.contains(1);
                });
            }
        }
    }

    /**
     * Eight threads on two connections move one counter on with {@code findAndModify}: on MongoDB each gets the value
     * its own increment produced, so no two see the same one.
     */
    @Test
    void concurrentFindAndModifyEachSeeTheirOwnChange() throws Exception {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).build().start();
                MongoClient first = MongoClients.create(mongo.connectionString());
                MongoClient second = MongoClients.create(mongo.connectionString())) {
            first.getDatabase("osm").getCollection("counters").insertOne(new Document("_id", "c").append("value", 0));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<List<Integer>>> seen = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                MongoCollection<Document> counters = (thread % 2 == 0 ? first : second).getDatabase("osm")
                        .getCollection("counters");
                seen.add(threads.submit(() -> {
                    List<Integer> values = new ArrayList<>();
                    for (int increment = 0; increment < 200; increment++) {
                        values.add(counters.findOneAndUpdate(eq("_id", "c"), Updates.inc("value", 1),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)).getInteger("value"));
                    }
                    return values;
                }));
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> values : seen) {
                all.addAll(values.get());
            }
            threads.shutdown();

            assertThat(all).hasSize(1600).doesNotHaveDuplicates();
            assertThat(first.getDatabase("osm").getCollection("counters").find(eq("_id", "c")).first()
                    .getInteger("value")).isEqualTo(1600);
        }
    }

    /**
     * Queries that name {@code _id} beside other conditions (a version-fenced save, a lease's fenced write, a claim
     * of a list of ids) read through the {@code _id} index and still match every condition, on both backends.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void queriesOnIdAndMoreMatchEveryCondition(boolean h2) {
        EmbeddedMongoServer.Builder builder = EmbeddedMongoServer.builder().port(0);
        if (h2) {
            builder.dataDir(dir.resolve("by-id"));
        }
        try (EmbeddedMongoServer mongo = builder.build().start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> jobs = client.getDatabase("osm").getCollection("jobs");
            for (String id : List.of("a", "b", "c", "d")) {
                jobs.insertOne(new Document("_id", id).append("version", 2).append("due", !id.equals("c")));
            }

            assertThat(jobs.find(and(eq("_id", "b"), eq("version", 2))).first()).containsEntry("_id", "b");
            assertThat(jobs.find(and(eq("_id", "b"), eq("version", 3))).first()).isNull();
            assertThat(jobs.find(and(eq("_id", "x"), eq("version", 2))).first()).isNull();
            // A fenced update lands only on the version it names.
            assertThat(jobs.updateOne(new Document("_id", "b").append("version", 1), Updates.set("version", 9))
                    .getModifiedCount()).isZero();
            assertThat(jobs.updateOne(new Document("_id", "b").append("version", 2), Updates.set("version", 3))
                    .getModifiedCount()).isEqualTo(1);
            assertThat(jobs.find(eq("_id", "b")).first()).containsEntry("version", 3);
            // A claim of listed ids that are also due, as Leases.claimAll writes it.
            Document claim = new Document("$and", List.of(new Document("_id", new Document("$in",
                    List.of("a", "c", "d", "x"))), new Document("due", true)));
            assertThat(jobs.updateMany(claim, Updates.set("claimed", true)).getModifiedCount()).isEqualTo(2);
            List<String> claimed = new ArrayList<>();
            jobs.find(and(in("_id", List.of("a", "b", "c", "d")), eq("claimed", true)))
                    .forEach(d -> claimed.add(d.getString("_id")));
            assertThat(claimed).containsExactlyInAnyOrder("a", "d");
        }
    }

    /** A file written by mongo-java-server's own H2 backend opens with its documents (the maps keep their names). */
    @Test
    void h2FileOfTheStockBackendOpens() {
        Path dataDir = dir.resolve("stock");
        dataDir.toFile().mkdirs();
        de.bwaldvogel.mongo.MongoServer stock = new de.bwaldvogel.mongo.MongoServer(
                new de.bwaldvogel.mongo.backend.h2.H2Backend(dataDir.resolve(EmbeddedMongoServer.H2_FILE_NAME)
                        .toString()));
        try {
            java.net.InetSocketAddress address = stock.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                client.getDatabase("osm").getCollection("hosts").insertOne(new Document("_id", "i-7").append("v", 1));
            }
        } finally {
            stock.shutdown();
        }
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).dataDir(dataDir).build().start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> hosts = client.getDatabase("osm").getCollection("hosts");
            assertThat(hosts.find(and(eq("_id", "i-7"), eq("v", 1))).first()).containsEntry("_id", "i-7");
        }
    }

    @Test
    void h2BackendKeepsDocumentsAndIndexesAcrossRestart() {
        Path dataDir = dir.resolve("mongo");
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).dataDir(dataDir).build().start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> hosts = client.getDatabase("osm").getCollection("hosts");
            hosts.createIndex(Indexes.ascending("instanceId"), new IndexOptions().unique(true));
            hosts.insertOne(new Document("instanceId", "i-42").append("state", "MIGRATING"));
        }
        assertThat(dataDir.resolve(EmbeddedMongoServer.H2_FILE_NAME)).exists();

        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).dataDir(dataDir).build().start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> hosts = client.getDatabase("osm").getCollection("hosts");
            assertThat(hosts.find(eq("instanceId", "i-42")).first()).containsEntry("state", "MIGRATING");
            assertThatThrownBy(() -> hosts.insertOne(new Document("instanceId", "i-42")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            List<String> indexNames = new ArrayList<>();
            hosts.listIndexes().forEach(d -> indexNames.add(d.getString("name")));
            assertThat(indexNames).contains("instanceId_1");
        }
    }

    @Test
    void aStoppedServerComesBackOnItsPortWithItsDataAndTheSameClientGoesOn() {
        try (EmbeddedMongoServer mongo = EmbeddedMongoServer.builder().port(0).dataDir(dir.resolve("outage")).build()
                .start();
                MongoClient client = MongoClients.create(mongo.connectionString()
                        + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=1000")) {
            int port = mongo.port();
            MongoCollection<Document> jobs = client.getDatabase("osm").getCollection("jobs");
            jobs.insertOne(new Document("_id", "j-1").append("state", "MIGRATING"));

            mongo.stop();
            assertThat(mongo.isRunning()).isFalse();
            assertThatThrownBy(() -> jobs.find(eq("_id", "j-1")).first()).isInstanceOf(MongoException.class);

            mongo.start();
            assertThat(mongo.port()).isEqualTo(port);
            await().atMost(10, TimeUnit.SECONDS).ignoreExceptions().untilAsserted(() ->
                    assertThat(jobs.find(eq("_id", "j-1")).first()).containsEntry("state", "MIGRATING"));
        }
    }

    @Test
    void fixedPortInUseFailsClearly() {
        try (EmbeddedMongoServer first = EmbeddedMongoServer.builder().port(0).build().start()) {
            EmbeddedMongoServer second = EmbeddedMongoServer.builder().port(first.port()).build();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Integer.toString(first.port()));
            assertThat(second.isRunning()).isFalse();
        }
    }
}
