package io.osmigration.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.channel.ChannelStore;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.RenderedMessage;
import io.osmigration.notification.domain.RetryPolicy;
import io.osmigration.notification.domain.Templates;
import io.osmigration.platform.work.BackgroundLoop;

/**
 * Works the delivery queue (a platform {@link BackgroundLoop}). Each round finds the channels with messages due and
 * hands each channel to a pool thread, one task per channel at a time: a channel whose server hangs or fails
 * occupies one thread and its own messages only, never the others'. Failed sends come back after an exponential
 * back-off until they run out of attempts. DingTalk messages to one robot are grouped into one markdown message and
 * paced by {@link RobotRateLimits}. A message that went out is recorded as sent even through a short database
 * outage (retried while its claim lasts), so it is not sent again by whoever takes it over.
 */
@Component
public class DeliveryWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int EMAIL_BATCH = 20;
    private static final Duration RECORD_RETRY = Duration.ofMillis(500);

    private final DeliveryQueue queue;
    private final ChannelStore channels;
    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final NotificationProperties.Delivery settings;
    private final NotificationProperties.DingTalk dingtalk;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final RobotRateLimits rateLimits;
    private volatile ExecutorService pool;

    DeliveryWorker(DeliveryQueue queue, ChannelStore channels, List<ChannelSender> senders,
                   RobotRateLimits rateLimits, NotificationProperties properties, Clock clock) {
        super("notification-delivery-loop");
        this.queue = queue;
        this.rateLimits = rateLimits;
        this.channels = channels;
        senders.forEach(sender -> this.senders.put(sender.type(), sender));
        this.settings = properties.delivery();
        this.dingtalk = properties.dingtalk();
        this.retryPolicy = new RetryPolicy(settings.maxAttempts(), settings.retryBackoff(),
                settings.maxRetryBackoff());
        this.clock = clock;
    }

    /** Hands every channel with due messages that no thread serves yet to the pool; returns how many it handed. */
    @Override
    public int runOnce() {
        int handed = 0;
        for (String channelId : queue.channelsWithDueMessages(clock.instant())) {
            if (inFlight.add(channelId)) {
                pool.execute(() -> deliverChannel(channelId));
                handed++;
            }
        }
        return handed;
    }

    @Override
    protected Duration idleWait() {
        return settings.pollInterval();
    }

    private void deliverChannel(String channelId) {
        try {
            Optional<Channel> channel = channels.find(channelId);
            Instant now = clock.instant();
            if (channel.isEmpty()) {
                for (Delivery orphan : queue.take(channelId, now, settings.leaseTimeout(), 100)) {
                    queue.failed(orphan, now, "The channel was deleted");
                }
            } else if (channel.get().type() == ChannelType.DINGTALK) {
                deliverToRobot(channel.get(), now);
            } else {
                for (Delivery delivery : queue.take(channelId, now, settings.leaseTimeout(), EMAIL_BATCH)) {
                    attempt(channel.get(), List.of(delivery), delivery.message());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Delivering to channel {} failed: {}", channelId, e.toString());
        } finally {
            inFlight.remove(channelId);
            wakeUp();
        }
    }

    /** Everything due for the robot goes out as one message, if its rate window allows a message now. */
    private void deliverToRobot(Channel channel, Instant now) {
        List<Delivery> deliveries = queue.take(channel.id(), now, settings.leaseTimeout(), dingtalk.maxGroup());
        if (deliveries.isEmpty()) {
            return;
        }
        Optional<Instant> notBefore = rateLimits.tryAcquire(channel.webhookUrl(), now);
        if (notBefore.isPresent()) {
            queue.postpone(deliveries, notBefore.get());
            return;
        }
        List<Delivery> fitting = fitting(deliveries);
        if (fitting.size() < deliveries.size()) {
            queue.postpone(deliveries.subList(fitting.size(), deliveries.size()), now);
        }
        RenderedMessage grouped = Templates.group(fitting.stream().map(Delivery::message).toList());
        attempt(channel, fitting, Templates.truncate(grouped, dingtalk.maxMessageChars()));
    }

    /** The oldest messages that fit into one markdown message (at least one: it is cut if too long alone). */
    private List<Delivery> fitting(List<Delivery> deliveries) {
        int chars = 0;
        int count = 0;
        for (Delivery delivery : deliveries) {
            chars += delivery.message().markdown().length() + 8;
            if (count > 0 && chars > dingtalk.maxMessageChars()) {
                break;
            }
            count++;
        }
        return deliveries.subList(0, count);
    }

    private void attempt(Channel channel, List<Delivery> deliveries, RenderedMessage message) {
        ChannelSender sender = senders.get(channel.type());
        try {
            sender.send(channel, message);
        } catch (DeliveryException e) {
            Instant now = clock.instant();
            for (Delivery delivery : deliveries) {
                int attempts = delivery.attempts() + 1;
                if (!e.retryable() || retryPolicy.exhausted(attempts)) {
                    queue.failed(delivery, now, e.getMessage());
                    log.warn("Notification {} to channel {} failed after {} attempt(s): {}", delivery.id(),
                            channel.id(), attempts, e.getMessage());
                } else {
                    queue.retryLater(delivery, now.plus(retryPolicy.backoffAfter(attempts)), e.getMessage());
                }
            }
            return;
        }
        String messageId = "m-" + UUID.randomUUID();
        for (Delivery delivery : deliveries) {
            recordSent(delivery, messageId, deliveries.size());
        }
    }

    /**
     * The message is out: record it, retrying while the database is away and the claim still lasts; left unrecorded
     * it would be sent again once the claim ran out.
     */
    private void recordSent(Delivery delivery, String messageId, int groupSize) {
        Duration wait = RECORD_RETRY;
        while (true) {
            try {
                if (!queue.sent(delivery, clock.instant(), messageId, groupSize)) {
                    log.warn("Notification {} was sent, but its claim had been taken over", delivery.id());
                }
                return;
            } catch (RuntimeException e) {
                if (!clock.instant().plus(wait).isBefore(delivery.claim().until()) || !isRunning()) {
                    log.warn("Notification {} was sent but could not be recorded: {}", delivery.id(), e.toString());
                    return;
                }
                log.info("Recording notification {} as sent failed, retrying in {}: {}", delivery.id(), wait,
                        e.toString());
                pause(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        pool = Executors.newFixedThreadPool(settings.workerThreads(), workerThreads("notification-delivery"));
        super.start();
    }

    /** Lets the sends in progress finish (and be recorded) before giving up on them. */
    @Override
    public void stop() {
        super.stop();
        ExecutorService running = pool;
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stop before the MongoDB client goes away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
