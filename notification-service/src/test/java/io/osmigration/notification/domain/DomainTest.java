package io.osmigration.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DomainTest {

    @Test
    void dingTalkSignatureMatchesTheReferenceAlgorithm() {
        // Computed with DingTalk's published Python sample (hmac sha256, base64, quote_plus).
        assertThat(DingTalkSignature.sign(1700000000000L, "SECtest-secret"))
                .isEqualTo("LC7hxZ4wslL+P7j7gu1hoQ+wzByekL+yWgiUMekZs0g=");
        assertThat(DingTalkSignature.signedUrl("https://oapi.dingtalk.com/robot/send?access_token=abc",
                1700000000000L, "SECtest-secret"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000"
                        + "&sign=LC7hxZ4wslL%2BP7j7gu1hoQ%2BwzByekL%2ByWgiUMekZs0g%3D");
    }

    @Test
    void rateWindowNeverAllowsMoreThanTheLimitAndSpacesAfterTheBurst() {
        RateWindow window = new RateWindow(20, Duration.ofMinutes(1));
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        int allowed = 0;
        // A send attempt every 100 ms for two minutes.
        for (int i = 0; i < 1200; i++) {
            Instant now = t.plusMillis(100L * i);
            if (window.tryAcquire(now)) {
                allowed++;
            }
            assertThat(window.used(now)).isLessThanOrEqualTo(20);
        }
        assertThat(allowed).isBetween(20, 40);
        RateWindow fresh = new RateWindow(20, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(fresh.tryAcquire(t)).isTrue();
        }
        assertThat(fresh.tryAcquire(t)).isFalse();
        assertThat(fresh.nextAllowed(t)).isEqualTo(t.plusSeconds(3));
    }

    @Test
    void retryBackoffDoublesUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.exhausted(4)).isFalse();
        assertThat(policy.exhausted(5)).isTrue();
    }

    @Test
    void webhookTokensAreMasked() {
        assertThat(UrlMasking.mask("https://oapi.dingtalk.com/robot/send?access_token=secret-token"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?***");
        assertThat(UrlMasking.mask("https://user:pw@hooks.example.org/x")).isEqualTo("https://***@hooks.example.org/x");
    }

    @Test
    void channelDraftNamesEveryOffendingField() {
        ChannelDraft draft = new ChannelDraft("EMAIL", "Ops", List.of("ok@example.org", "bad@", "also bad"), null,
                null, List.of("MigrationCompleted", "Nope"), List.of(""), null);
        assertThat(draft.violations()).extracting(Violation::field)
                .containsExactly("recipients[1]", "recipients[2]", "events[1]", "batchIds[0]");
        Channel channel = new ChannelDraft("dingtalk", " Robot ", null, "https://oapi.dingtalk.com/robot/send?x=1",
                "SECabc", List.of("MigrationFailed"), null, "failures_only").toChannel("c1", Instant.EPOCH);
        assertThat(channel.type()).isEqualTo(ChannelType.DINGTALK);
        assertThat(channel.name()).isEqualTo("Robot");
        assertThat(channel.perJobMessages()).isEqualTo(PerJobMessages.FAILURES_ONLY);
        assertThat(channel.toString()).doesNotContain("SECabc").doesNotContain("x=1");
    }

    @Test
    void perJobPolicyLeavesSuccessesToTheDigest() {
        Channel failuresOnly = new Channel("c", ChannelType.EMAIL, "n", List.of("a@b.c"), null, null,
                Set.of(EventType.MIGRATION_COMPLETED, EventType.MIGRATION_FAILED, EventType.DRILL_COMPLETED,
                        EventType.BATCH_FINISHED), List.of("b1"), PerJobMessages.FAILURES_ONLY, false, Instant.EPOCH);
        assertThat(failuresOnly.wants(event(EventType.MIGRATION_COMPLETED, JobOutcome.COMPLETED, "b1"))).isFalse();
        assertThat(failuresOnly.wants(event(EventType.MIGRATION_FAILED, JobOutcome.FAILED, "b1"))).isTrue();
        assertThat(failuresOnly.wants(event(EventType.MIGRATION_FAILED, JobOutcome.FAILED, "b2"))).isFalse();
        assertThat(failuresOnly.wants(event(EventType.DRILL_COMPLETED, JobOutcome.DRILL_CRITICAL, "b1"))).isTrue();
        assertThat(failuresOnly.wants(event(EventType.DRILL_COMPLETED, JobOutcome.DRILL_PASSED, "b1"))).isFalse();
        assertThat(failuresOnly.wantsBatchMessage(EventType.BATCH_FINISHED, "b1")).isTrue();
    }

    @Test
    void templatesRenderEveryFormatAndEscapeUserText() {
        Templates templates = new Templates("http://dash/");
        JobEvent drill = new JobEvent("e", EventType.DRILL_COMPLETED, Instant.EPOCH, "b1", "j1", "s1", "i1",
                "alinux3", JobOutcome.DRILL_CRITICAL, null, null,
                List.of(new Finding("KERNEL_MODULE_UNSUPPORTED", "CRITICAL", "<nvidia> module", "", "Remove it",
                        "modprobe -r nvidia")), List.of(), 0);
        RenderedMessage message = templates.job(drill);
        assertThat(message.subject()).isEqualTo("[osmigration] Drill found critical items: s1/i1 → alinux3");
        assertThat(message.html()).contains("&lt;nvidia&gt; module").doesNotContain("<nvidia>");
        assertThat(message.markdown()).contains("- Remedy: Remove it", "`modprobe -r nvidia`",
                "(http://dash/?batch=b1&job=j1)");
        BatchDigest digest = new BatchDigest("b1", "COMPLETED", 3,
                JobStates.labelled(Map.of("COMPLETED", 3, "ROLLED_BACK", 0)), List.of(), 2, 1.5);
        assertThat(templates.digest(digest).subject()).isEqualTo("[osmigration] Batch finished: b1 (3 completed)");
        RenderedMessage grouped = Templates.group(List.of(message, message));
        assertThat(grouped.markdownTitle()).isEqualTo("[osmigration] 2 notifications");
        RenderedMessage cut = Templates.truncate(grouped, 500);
        assertThat(cut.markdown()).hasSizeLessThanOrEqualTo(500).endsWith("the dashboard has everything)\n");
        assertThat(Templates.truncate(message, 100_000)).isSameAs(message);
    }

    @Test
    void batchFinishedCountsReadInTheStatesNaturalOrderWithUnknownStatesLast() {
        Map<String, Integer> counts = new java.util.HashMap<>(Map.of("CANCELLED", 2, "COMPLETED", 5,
                "PRECHECK_FAILED", 1, "ROLLED_BACK", 0, "QUARANTINED", 1));

        assertThat(JobStates.labelled(counts)).containsExactly(Map.entry("pre-check failed", 1),
                Map.entry("completed", 5), Map.entry("cancelled", 2), Map.entry("quarantined", 1));
        assertThat(EventType.byName("BatchDigest")).contains(EventType.BATCH_FINISHED);
        assertThat(EventType.byStoredName("BATCH_DIGEST")).contains(EventType.BATCH_FINISHED);
        assertThat(EventType.knownNames()).contains("BatchFinished", "BatchPaused", "BatchResumed")
                .doesNotContain("BatchDigest");
    }

    @Test
    void aPauseByTheThresholdSaysSoAndWhereTheBatchStands() {
        Templates templates = new Templates("http://dash/");
        BatchPause pause = new BatchPause("b1", BatchPause.THRESHOLD, "3 of 10 failed", 40,
                Map.of("completed", 7, "failed", 3), List.of(new BatchDigest.Blocker("STEP_FAILED_UPGRADE",
                        "leapp failed", 3, "")));

        RenderedMessage message = templates.paused(pause);

        assertThat(message.subject()).isEqualTo("[osmigration] Batch paused: b1 (failure threshold reached)");
        assertThat(message.text()).contains("Paused by: the failure threshold", "Reason: 3 of 10 failed",
                "Jobs so far: 10 of 40", "STEP_FAILED_UPGRADE (3 jobs): leapp failed");
        assertThat(templates.paused(new BatchPause("b1", "alice-token", null, 0, Map.of(), List.of())).subject())
                .isEqualTo("[osmigration] Batch paused: b1 (by alice-token)");
    }

    private static JobEvent event(EventType type, JobOutcome outcome, String batchId) {
        return new JobEvent("e", type, Instant.EPOCH, batchId, "j", "s", null, "alinux3", outcome, null, null,
                List.of(), List.of(), 0);
    }
}
