package io.osmigration.notification.delivery;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.tags.Tag;

import io.osmigration.platform.web.ApiException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/v1/notifications}: what was (or will be) sent, when, to whom, and how it went. */
@RestController
@Tag(name = "Notifications", description = "What was sent, when, to whom, and how it went")
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private final DeliveryQueue queue;

    NotificationController(DeliveryQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    Mono<List<NotificationView>> list(@RequestParam(required = false) String channelId,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) String batchId,
                                      @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            return Mono.error(ApiException.invalidField("limit", "must be between 1 and 1000"));
        }
        if (status != null && java.util.Arrays.stream(DeliveryStatus.values())
                .noneMatch(value -> value.name().equals(status))) {
            return Mono.error(ApiException.invalidField("status", "must be one of PENDING, SENDING, SENT, FAILED"));
        }
        return Mono.fromCallable(() -> queue.list(channelId, status, batchId, limit).stream()
                .map(NotificationView::of).toList()).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * One notification. {@code to} holds e-mail addresses, or the webhook without its token; {@code messageId} is
     * shared by notifications grouped into one DingTalk message.
     */
    record NotificationView(String id, String channelId, String channelName, String channelType, String eventId,
                            String eventType, String batchId, String jobId, List<String> to, String subject,
                            String status, int attempts, Instant createdAt, Instant sentAt, Instant failedAt,
                            Instant nextAttemptAt, String lastError, String messageId, Integer groupSize) {

        static NotificationView of(Document d) {
            String status = d.getString("status");
            return new NotificationView(d.getString("_id"), d.getString("channelId"), d.getString("channelName"),
                    d.getString("channelType"), d.getString("eventId"), d.getString("eventType"),
                    d.getString("batchId"), d.getString("jobId"), d.getList("to", String.class, List.of()),
                    d.getString("subject"), status, d.getInteger("attempts", 0), instant(d, "createdAt"),
                    instant(d, "sentAt"), instant(d, "failedAt"),
                    DeliveryStatus.PENDING.name().equals(status) ? instant(d, "nextAttemptAt") : null,
                    d.getString("lastError"), d.getString("messageId"), d.getInteger("groupSize"));
        }

        private static Instant instant(Document d, String field) {
            Date date = d.getDate(field);
            return date == null ? null : date.toInstant();
        }
    }
}
