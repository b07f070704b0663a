package io.osmigration.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import io.osmigration.events.MigrationStepDone;
import io.osmigration.platform.events.EventHeaders;

/**
 * One ECS instance through the whole happy path on the all-in-one stack, observed from outside: the REST APIs, the
 * Kafka topics, the simulator and the mail server's IMAP inbox.
 */
@SuppressWarnings("unchecked")
class HappyPathEndToEndTest {

    /** A demo-fleet instance built to pass every check (see ecs-simulator's demo-fleet.json). */
    static final String CLEAN_INSTANCE = DemoFleet.cleanCentos7Instance();

    private static final List<String> EXPECTED_EVENTS = List.of("JobReleased", "PrecheckPassed",
            "SnapshotsCreated", "DrillCompleted", "MigrationStepDone", "MigrationStepDone", "MigrationStepDone",
            "MigrationStepDone", "MigrationStepDone", "MigrationCompleted", "SnapshotReleased");

    @Test
    void anInstanceIsImportedCheckedSnapshottedDrilledMigratedReleasedAndReported() throws Exception {
        AllInOne stack = AllInOneStack.get();
        try (KafkaProbe kafka = new KafkaProbe(stack.infrastructure().kafkaBootstrapServers())) {
            String sourceId = importByEcsId(CLEAN_INSTANCE);
            kafka.awaitEvents(sourceId, Duration.ofSeconds(60),
                    events -> events.stream().anyMatch(e -> e.type().equals("SourceImported")));

            Map<String, Object> batch = startMigration(sourceId);
            String batchId = (String) batch.get("batchId");
            String jobId = (String) ((List<Map<String, Object>>) batch.get("jobs")).get(0).get("jobId");

            List<KafkaProbe.Observed> jobEvents = kafka.awaitEvents(sourceId, Duration.ofSeconds(180),
                    events -> forJob(events, jobId).stream().anyMatch(e -> e.type().equals("SnapshotReleased"))).stream()
                    .filter(e -> jobId.equals(EventHeaders.of(e.event()).getJobId())).toList();

            assertThat(jobEvents).extracting(KafkaProbe.Observed::type).containsExactlyInAnyOrderElementsOf(EXPECTED_EVENTS);
            assertCausalOrder(jobEvents);
            assertThat(jobEvents).filteredOn(e -> e.event() instanceof MigrationStepDone)
                    .extracting(e -> ((MigrationStepDone) e.event()).getStep())
                    .containsExactly("INSTALL", "ANSWER", "UPGRADE", "REBOOT", "VERIFY");
            assertThat(jobEvents).allSatisfy(e -> {
                assertThat(e.record().value()[0]).isEqualTo((byte) 0xC3);
                assertThat(e.record().value()[1]).isEqualTo((byte) 0x01);
            });

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(jobState(batchId)).isEqualTo("COMPLETED"));
            assertSnapshotsReleased(jobId);
            assertOutcomeMailArrived(CLEAN_INSTANCE);
            // Needs the executor's batch events: the digest comes from BatchFinished, with the executor's counts.
            assertBatchDigestArrived(batchId);
        }
    }

    private static String importByEcsId(String instanceId) {
        Map<String, Object> imported = AllInOneStack.client(AllInOneConfig.SOURCE_REGISTRY).post()
                .uri("/api/v1/sources/ecs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("regionId", "cn-hangzhou", "instanceIds", List.of(instanceId)))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        List<Map<String, Object>> sources = (List<Map<String, Object>>) imported.get("sources");
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0)).containsEntry("instanceId", instanceId).containsEntry("status", "ONLINE");
        return (String) sources.get(0).get("sourceId");
    }

    private static Map<String, Object> startMigration(String sourceId) {
        return AllInOneStack.client(AllInOneConfig.EXECUTOR).post().uri("/api/v1/migrations")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("requestId", "e2e-" + UUID.randomUUID(), "destinationOs", "anolis8",
                        "targets", List.of(Map.of("sourceId", sourceId)), "drillMode", "DRILL_AND_MIGRATE",
                        "acknowledgeRisks", true))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    private static String jobState(String batchId) {
        Map<String, Object> batch = AllInOneStack.client(AllInOneConfig.EXECUTOR).get()
                .uri("/api/v1/migrations/{id}", batchId).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) batch.get("jobs")).get(0).get("state");
    }

    private static void assertSnapshotsReleased(String jobId) {
        List<Map<String, Object>> snapshots = AllInOneStack.client(AllInOneConfig.SNAPSHOT).get()
                .uri(uri -> uri.path("/api/v1/snapshots").queryParam("jobId", jobId).build()).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() { }).returnResult().getResponseBody();
        assertThat(snapshots).isNotEmpty().allSatisfy(snapshot -> {
            assertThat(snapshot).containsEntry("status", "RELEASED");
            assertThat((String) snapshot.get("snapshotName")).startsWith("SMC_Backup_Snapshot_");
        });
    }

    private static void assertOutcomeMailArrived(String instanceId) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(opsInbox()).anySatisfy(message -> {
            assertThat(message.subject()).containsIgnoringCase("completed");
            assertThat(message.subject() + message.body()).contains(instanceId);
        }));
    }

    /** The built-in channel subscribes to everything: the batch's digest, once the executor said it finished. */
    private static void assertBatchDigestArrived(String batchId) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(opsInbox())
                .extracting(Mail::subject).filteredOn(subject -> subject.contains(batchId))
                .containsOnlyOnce("[osmigration] Batch finished: " + batchId + " (1 completed)"));
    }

    /** The ops mailbox, read over IMAP as a mail client would. */
    private static List<Mail> opsInbox() throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", AllInOneStack.get().infrastructure().imapPort(), AllInOneStack.OPS_MAILBOX,
                    "ops-password");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Mail> mails = java.util.Arrays.stream(inbox.getMessages())
                    .map(message -> new Mail(subject(message), body(message))).toList();
            inbox.close(false);
            return mails;
        }
    }

    private record Mail(String subject, String body) {
    }

    private static String subject(Message message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(Message message) {
        try {
            Object content = message.getContent();
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    Object part = multipart.getBodyPart(i).getContent();
                    text.append(part instanceof jakarta.mail.Multipart nested ? nested.getBodyPart(0).getContent() : part);
                }
                return text.toString();
            }
            return String.valueOf(content);
        } catch (Exception e) {
            return "";
        }
    }

    private static List<KafkaProbe.Observed> forJob(List<KafkaProbe.Observed> events, String jobId) {
        return events.stream().filter(e -> jobId.equals(EventHeaders.of(e.event()).getJobId())).toList();
    }

    /** Each event was caused by the one before it, so none may have happened earlier than its predecessor. */
    private static void assertCausalOrder(List<KafkaProbe.Observed> jobEvents) {
        List<KafkaProbe.Observed> byExpectedOrder = jobEvents.stream()
                .sorted(java.util.Comparator.comparingInt((KafkaProbe.Observed e) -> EXPECTED_EVENTS.indexOf(e.type()))
                        .thenComparing(e -> EventHeaders.of(e.event()).getOccurredAt()))
                .toList();
        Instant previous = Instant.EPOCH;
        for (KafkaProbe.Observed event : byExpectedOrder) {
            Instant at = EventHeaders.of(event.event()).getOccurredAt();
            assertThat(at).as("%s happened after its cause", event.type()).isAfterOrEqualTo(previous);
            previous = at;
        }
    }
}
