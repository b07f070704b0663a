package io.osmigration.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class SmtpRetryTest extends IntegrationTest {

    @Test
    void smtpFailingTwiceThenAcceptingDeliversTheMailOnce() {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        AtomicInteger refusals = refuseSmtpFor(to, 2);
        String channelId = createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("MigrationFailed"), "batchIds", List.of(batch)));

        publish("s-m1", TestEvents.failed(batch, "j-" + batch, "s-m1", "PREPARE", "yum lock held"));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(to).size() == 1);
        assertThat(refusals.get()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(notifications("?channelId=" + channelId)).singleElement().satisfies(n -> {
                    assertThat(n.get("status")).isEqualTo("SENT");
                    assertThat(n.get("attempts")).isEqualTo(3);
                }));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> mailsTo(to).size() == 1);
    }

    @Test
    void smtpRefusingEveryAttemptEndsInAFailureRecord() {
        String batch = unique("b");
        String to = unique("ops") + "@example.org";
        AtomicInteger refusals = refuseSmtpFor(to, Integer.MAX_VALUE);
        String channelId = createChannel(Map.of("type", "EMAIL", "name", "Ops", "recipients", List.of(to),
                "events", List.of("MigrationFailed"), "batchIds", List.of(batch)));

        publish("s-m2", TestEvents.failed(batch, "j-" + batch, "s-m2", "PREPARE", "yum lock held"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(notifications("?channelId=" + channelId + "&status=FAILED")).singleElement()
                        .satisfies(n -> {
                            assertThat(n.get("attempts")).isEqualTo(4); // osm.notifications.delivery.max-attempts
                            assertThat((String) n.get("lastError")).contains("SMTP").contains("421");
                            assertThat(n.get("failedAt")).isNotNull();
                        }));
        assertThat(refusals.get()).isEqualTo(4);
        assertThat(mailsTo(to)).isEmpty();
    }

    /** SMTP answers 421 to mail for {@code address}, {@code times} times; other mail goes through. */
    private AtomicInteger refuseSmtpFor(String address, int times) {
        AtomicInteger refusals = new AtomicInteger();
        doAnswer(invocation -> {
            MimeMessage message = invocation.getArgument(0);
            boolean ours = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equals(address));
            if (ours && refusals.get() < times) {
                refusals.incrementAndGet();
                throw new MailSendException("421 4.3.2 Service not available, closing transmission channel");
            }
            return invocation.callRealMethod();
        }).when(mailSender).send(any(MimeMessage.class));
        return refusals;
    }
}
