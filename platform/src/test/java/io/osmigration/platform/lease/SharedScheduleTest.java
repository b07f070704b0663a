package io.osmigration.platform.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.infra.ManualClock;

class SharedScheduleTest {

    private static MongoClient client;
    private static MongoTemplate mongo;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    private SharedSchedule replicaA;
    private SharedSchedule replicaB;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri());
        mongo = new MongoTemplate(client, "osm_schedule_test");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void replicas() {
        mongo.remove(new Query(), SharedSchedule.COLLECTION);
        replicaA = new SharedSchedule(mongo, new Leases(mongo, clock, "a"), clock);
        replicaB = new SharedSchedule(mongo, new Leases(mongo, clock, "b"), clock);
    }

    @Test
    void aTaskRunsOncePerIntervalWhicheverReplicaComesFirst() {
        Optional<Claim> first = replicaA.claimIfDue("poll", Duration.ofMinutes(1));
        Optional<Claim> meanwhile = replicaB.claimIfDue("poll", Duration.ofMinutes(1));
        assertThat(first).isPresent();
        assertThat(meanwhile).as("A has the turn").isEmpty();

        assertThat(replicaA.done(first.get(), Duration.ofSeconds(60))).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(replicaB.claimIfDue("poll", Duration.ofMinutes(1))).as("not due yet").isEmpty();
        clock.advance(Duration.ofSeconds(31));
        Optional<Claim> next = replicaB.claimIfDue("poll", Duration.ofMinutes(1));

        assertThat(next).isPresent();
        Document stored = mongo.findById("poll", Document.class, SharedSchedule.COLLECTION);
        assertThat(stored.getString("lastRunBy")).startsWith("a#");
        assertThat(replicaA.claimIfDue("other-task", Duration.ofMinutes(1))).as("tasks are independent").isPresent();
    }

    @Test
    void aTurnLeftByADeadReplicaIsTakenOnceItsClaimRunsOutAndAFailedRunIsRetriedAtOnce() {
        replicaA.claimIfDue("sweep", Duration.ofSeconds(10)).orElseThrow(); // and A dies
        assertThat(replicaB.claimIfDue("sweep", Duration.ofSeconds(10))).isEmpty();
        clock.advance(Duration.ofSeconds(11));
        Claim taken = replicaB.claimIfDue("sweep", Duration.ofSeconds(10)).orElseThrow();

        replicaB.release(taken); // its run failed

        assertThat(replicaA.claimIfDue("sweep", Duration.ofSeconds(10))).isPresent();
    }
}
