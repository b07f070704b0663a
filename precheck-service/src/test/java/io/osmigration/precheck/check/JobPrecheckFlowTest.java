package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.osmigration.events.EventHeader;
import io.osmigration.events.Finding;
import io.osmigration.events.JobReleased;
import io.osmigration.events.MigrationRequested;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.platform.events.EventHeaders;
import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.precheck.TestInfrastructure;
import io.osmigration.precheck.facts.KnownSources;
import io.osmigration.simulator.ApiCall;

/** JobReleased (or its legacy MigrationRequested form) → a real RunCommand on the simulator → PrecheckPassed / Failed. */
class JobPrecheckFlowTest extends IntegrationTestBase {

    @Autowired
    private KnownSources knownSources;

    private static final String CLEAN = "i-bp1demo000000000001";
    private static final String I686 = "i-bp1demo000000000011";
    private static final String NO_AGENT = "i-bp1demo000000000016";

    @Test
    void cleanInstancePassesWithHeadersAndFieldsOfTheRequest() {
        String sourceId = randomId("s-");
        String batchId = randomId("b-");
        String jobId = randomId("j-");
        importSource(sourceId, CLEAN, staleFacts(Instant.now().minus(Duration.ofHours(3))));
        JobReleased request = jobReleased(batchId, jobId, sourceId, CLEAN, "anolis8");
        send(sourceId, request);

        SpecificRecord result = awaitOneResult(jobId);
        assertThat(result).isInstanceOf(PrecheckPassed.class);
        PrecheckPassed passed = (PrecheckPassed) result;
        EventHeader header = passed.getHeader();
        assertThat(header.getJobId()).isEqualTo(jobId);
        assertThat(header.getBatchId()).isEqualTo(batchId);
        assertThat(header.getCausationId()).isEqualTo(request.getHeader().getEventId());
        assertThat(header.getEventId()).isEqualTo(EventHeaders.deterministicId("precheck-result:" + jobId));
        assertThat(header.getProducer()).isEqualTo("precheck-service");
        assertThat(passed.getSourceId()).isEqualTo(sourceId);
        assertThat(passed.getInstanceId()).isEqualTo(CLEAN);
        assertThat(passed.getRegionId()).isEqualTo("cn-hangzhou");
        assertThat(passed.getDestinationOs()).isEqualTo("anolis8");
        assertThat(passed.getSourceOs()).isEqualTo("CentOS Linux 7 (Core)");
        assertThat(passed.getArch()).isEqualTo("x86_64");
        assertThat(passed.getFactsStale()).isFalse(); // fresh facts from Cloud Assistant, not the 3 h old import
        assertThat(passed.getPrecheckId()).isEqualTo(PrecheckService.jobPrecheckId(jobId));
        // the real centos7-server listing carries gcc-c++ (a WARNING to rebuild local programs), nothing blocks
        assertThat(passed.getFindings()).extracting(Finding::getCode).containsExactly("CXX_TOOLCHAIN", "SERVICE_RESTART");

        // the facts came from a real RunCommand of the collector, Base64, with a ClientToken derived from the job
        List<ApiCall> runs = simulator().engine().calls("RunCommand", CLEAN).stream()
                .filter(call -> ("osm-" + passed.getPrecheckId()).equals(call.params().get("ClientToken"))).toList();
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).params()).containsEntry("ContentEncoding", "Base64");
    }

    @Test
    void i686InstanceFailsWithI386PackagesAndTheRemoveCommand() {
        String sourceId = randomId("s-");
        String jobId = randomId("j-");
        send(sourceId, jobReleased(randomId("b-"), jobId, sourceId, I686, "alinux3"));

        SpecificRecord result = awaitOneResult(jobId);
        assertThat(result).isInstanceOf(PrecheckFailed.class);
        Finding i386 = ((PrecheckFailed) result).getFindings().stream()
                .filter(f -> f.getCode().equals("I386_PACKAGES")).findFirst().orElseThrow();
        assertThat(i386.getSeverity()).isEqualTo("CRITICAL");
        assertThat(i386.getDetail()).contains("glibc.i686", "nss-softokn-freebl.i686");
        assertThat(i386.getRemediationCommand()).isEqualTo("yum remove -y glibc.i686 nss-softokn-freebl.i686");
    }

    @Test
    void duplicateDeliveryOfTheRequestEmitsExactlyOneResult() {
        String sourceId = randomId("s-");
        String batchId = randomId("b-");
        String jobId = randomId("j-");
        JobReleased request = jobReleased(batchId, jobId, sourceId, CLEAN, "alinux3");
        send(sourceId, request);
        send(sourceId, request); // the same record again
        send(sourceId, jobReleased(batchId, jobId, sourceId, CLEAN, "alinux3")); // the job released twice
        send(sourceId, jobRequest(batchId, jobId, sourceId, CLEAN, "alinux3")); // and in the legacy form

        awaitOneResult(jobId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> precheckEventsOfJob(jobId).size() == 1);
    }

    @Test
    void offlineAgentFallsBackToTheImportedFactsAndSaysTheyAreStale() {
        String sourceId = randomId("s-");
        String jobId = randomId("j-");
        importSource(sourceId, NO_AGENT, staleFacts(Instant.now().minus(Duration.ofHours(3))));
        // the registry's event travels on another topic: it must be stored before the job asks
        await().atMost(Duration.ofSeconds(15)).until(() -> knownSources.find(sourceId).isPresent());
        send(sourceId, jobReleased(randomId("b-"), jobId, sourceId, NO_AGENT, "alinux3"));

        PrecheckFailed failed = (PrecheckFailed) awaitOneResult(jobId);
        assertThat(failed.getFactsStale()).isTrue();
        assertThat(failed.getSourceOs()).isEqualTo("CentOS Linux 7 (Core)");
        Finding offline = failed.getFindings().stream().filter(f -> f.getCode().equals("CLOUD_ASSISTANT_OFFLINE"))
                .findFirst().orElseThrow();
        assertThat(offline.getSeverity()).isEqualTo("CRITICAL");
        assertThat(offline.getDetail()).contains("stale", "3 h old");
    }

    @Test
    void aJobReleasedInTheLegacyFormIsStillChecked() {
        String sourceId = randomId("s-");
        String batchId = randomId("b-");
        String jobId = randomId("j-");
        MigrationRequested legacy = jobRequest(batchId, jobId, sourceId, CLEAN, "alinux3");
        send(sourceId, legacy);

        PrecheckPassed passed = (PrecheckPassed) awaitOneResult(jobId);
        assertThat(passed.getHeader().getCausationId()).isEqualTo(legacy.getHeader().getEventId());
        assertThat(passed.getHeader().getBatchId()).isEqualTo(batchId);
        assertThat(passed.getSourceId()).isEqualTo(sourceId);
    }

    @Test
    void batchSubmissionsWithoutJobIdAreLeftToTheExecutor() {
        String sourceId = randomId("s-");
        String batchId = randomId("b-");
        MigrationRequested submission = jobRequest(batchId, null, sourceId, CLEAN, "alinux3");
        send(sourceId, submission);
        String jobId = randomId("j-");
        send(sourceId, jobRequest(batchId, jobId, sourceId, CLEAN, "alinux3"));
        awaitOneResult(jobId); // the later job is handled, so the submission before it was seen and skipped
        assertThat(precheckEvents()).noneMatch(e -> batchId.equals(EventHeaders.of(e).getBatchId())
                && EventHeaders.of(e).getJobId() == null);
    }

    @Test
    void aLegacyJobWithTwoTargetsAndAJobReleasedWithoutJobAreDeadLetteredWithTheReason() {
        String sourceId = randomId("s-");
        String jobId = randomId("j-");
        MigrationRequested request = jobRequest(randomId("b-"), jobId, sourceId, CLEAN, "alinux3");
        request.setTargets(List.of(request.getTargets().get(0), request.getTargets().get(0)));
        send(sourceId, request);
        String jobLessSource = randomId("s-");
        JobReleased jobLess = jobReleased(randomId("b-"), null, jobLessSource, CLEAN, "alinux3");
        send(jobLessSource, jobLess);

        try (KafkaConsumer<String, byte[]> dlt = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.infra().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, randomId("dlt-"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            dlt.subscribe(List.of("osm.migration.requests.DLT"));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlt.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> sourceId.equals(r.key()))
                        && seen.stream().anyMatch(r -> jobLessSource.equals(r.key()));
            });
            assertThat(reason(seen, sourceId)).contains("exactly one target");
            assertThat(reason(seen, jobLessSource)).contains(jobLess.getHeader().getEventId(), "no header.jobId");
        }
        assertThat(precheckEventsOfJob(jobId)).isEmpty();
    }

    private static String reason(List<ConsumerRecord<String, byte[]>> records, String key) {
        ConsumerRecord<String, byte[]> dead = records.stream().filter(r -> key.equals(r.key())).findFirst()
                .orElseThrow();
        return new String(dead.headers().lastHeader("osm-dlt-reason").value(), StandardCharsets.UTF_8);
    }

    private SpecificRecord awaitOneResult(String jobId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !precheckEventsOfJob(jobId).isEmpty());
        return precheckEventsOfJob(jobId).get(0);
    }

    static ServerFacts staleFacts(Instant collectedAt) {
        return new ServerFacts("centos", "7", "CentOS Linux 7 (Core)", "x86_64", "3.10.0-1160.119.1.el7.x86_64",
                "web-centos7-noagent", null, List.of("bash-4.2.46-35.el7_9.x86_64", "glibc-2.17-326.el7_9.x86_64"),
                List.of("ext4 579979 1 - Live 0xffffffffc0381000"), List.of("base", "updates"), 20480L, 700L, 8192L,
                false, collectedAt);
    }
}
