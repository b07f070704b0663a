package io.osmigration.precheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.osmigration.events.Finding;
import io.osmigration.events.PrecheckFailed;
import io.osmigration.events.PrecheckPassed;
import io.osmigration.precheck.IntegrationTestBase;
import io.osmigration.precheck.rules.FindingCodes;

/** A check ends once: the first of result and deadline wins; checks left RUNNING resume after a restart. */
class CheckCompletionTest extends IntegrationTestBase {

    @Autowired
    private PrecheckService precheckService;
    @Autowired
    private MongoTemplate mongo;

    @Test
    void aTimedOutCheckFailsWithCheckTimeoutAndALateResultChangesNothing() {
        String jobId = randomId("j-");
        PrecheckDocument check = PrecheckDocument.running(PrecheckService.jobPrecheckId(jobId), randomId("s-"),
                "i-bp1demo000000000001", "cn-hangzhou", "alinux3", randomId("b-"), jobId, "request-event-1",
                Instant.now());
        mongo.insert(check);

        precheckService.timedOut(check);
        precheckService.complete(check, List.of(), "CentOS Linux 7 (Core)", "x86_64", Instant.now(), false,
                Instant.now()); // the check's own result arrives too late

        PrecheckDocument stored = precheckService.find(check.precheckId()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PrecheckDocument.FAILED);
        assertThat(stored.findings()).extracting(io.osmigration.precheck.rules.Finding::code)
                .containsExactly(FindingCodes.CHECK_TIMEOUT);
        await().atMost(Duration.ofSeconds(15)).until(() -> !precheckEventsOfJob(jobId).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> precheckEventsOfJob(jobId).size() == 1);
        assertThat(precheckEventsOfJob(jobId).get(0)).isInstanceOfSatisfying(PrecheckFailed.class,
                failed -> assertThat(failed.getFindings()).extracting(Finding::getCode).containsExactly("CHECK_TIMEOUT"));
    }

    @Test
    void checksLeftRunningByAStoppedServiceResume() {
        String jobId = randomId("j-");
        PrecheckDocument check = PrecheckDocument.running(PrecheckService.jobPrecheckId(jobId), randomId("s-"),
                "i-bp1demo000000000008", "cn-hangzhou", "alinux3", randomId("b-"), jobId, "request-event-2",
                Instant.now());
        mongo.insert(check); // as if the service stopped right after accepting the job

        precheckService.resumeRunning();

        await().atMost(Duration.ofSeconds(30)).until(() -> !precheckEventsOfJob(jobId).isEmpty());
        assertThat(precheckEventsOfJob(jobId)).singleElement().isInstanceOf(PrecheckPassed.class);
    }
}
