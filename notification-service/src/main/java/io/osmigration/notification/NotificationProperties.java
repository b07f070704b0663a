package io.osmigration.notification;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.osmigration.notification.domain.PerJobMessages;

/**
 * @param defaultEmailRecipients  addresses of a built-in EMAIL channel subscribed to everything, so a fresh
 *                                all-in-one run mails outcomes without set-up; empty: no built-in channel
 * @param defaultPerJobMessages   which per-job messages the built-in channel gets (successes can be left to digests)
 * @param from                    sender address of every mail
 * @param dashboardUrl            base URL of the dashboard, linked from every message
 * @param snapshotReminderAfter   remind about a job's snapshots still kept this long after they were created
 * @param digestDelay             after BatchFinished, wait this long before composing the digest, so the job
 *                                events still travelling on other topics (blockers, snapshots) are in it
 * @param scanInterval            how often digests and reminders that fell due are looked for
 */
@Validated
@ConfigurationProperties("osm.notifications")
public record NotificationProperties(
        @DefaultValue({}) List<@Email @NotBlank String> defaultEmailRecipients,
        @DefaultValue("ALL") @NotNull PerJobMessages defaultPerJobMessages,
        @DefaultValue("osmigration@localhost") @NotBlank String from,
        @DefaultValue("http://localhost:8080") @NotBlank String dashboardUrl,
        @DefaultValue("P3D") @NotNull Duration snapshotReminderAfter,
        @DefaultValue("5s") @NotNull Duration digestDelay,
        @DefaultValue("1s") @NotNull Duration scanInterval,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid DingTalk dingtalk) {

    /**
     * @param pollInterval   how often the delivery queue is polled when nothing woke it up
     * @param maxAttempts    attempts per message before it is recorded as failed
     * @param retryBackoff   wait after the first failed attempt; doubles with each further one
     * @param maxRetryBackoff upper bound of that wait
     * @param workerThreads  channels delivered to at the same time; a slow channel occupies one thread only
     * @param leaseTimeout   how long a worker's claim on a message lasts: a message taken by a worker that died is
     *                       taken up again after this long (keep it above the SMTP and webhook timeouts)
     */
    public record Delivery(
            @DefaultValue("500ms") @NotNull Duration pollInterval,
            @DefaultValue("5") @Min(1) @Max(50) int maxAttempts,
            @DefaultValue("2s") @NotNull Duration retryBackoff,
            @DefaultValue("5m") @NotNull Duration maxRetryBackoff,
            @DefaultValue("4") @Min(1) @Max(64) int workerThreads,
            @DefaultValue("2m") @NotNull Duration leaseTimeout) {
    }

    /**
     * @param rateLimit  messages per robot within {@code rateWindow} (DingTalk allows 20 a minute)
     * @param maxGroup   notifications combined into one message at most
     * @param maxMessageChars markdown characters per message at most: a group stops short of it, a single longer
     *                   message is cut (the dashboard link says where the rest is)
     * @param timeout    connect and request timeout of a webhook call
     */
    public record DingTalk(
            @DefaultValue("20") @Min(1) @Max(1000) int rateLimit,
            @DefaultValue("1m") @NotNull Duration rateWindow,
            @DefaultValue("25") @Min(1) @Max(200) int maxGroup,
            @DefaultValue("15000") @Min(500) @Max(100_000) int maxMessageChars,
            @DefaultValue("10s") @NotNull Duration timeout) {
    }
}
