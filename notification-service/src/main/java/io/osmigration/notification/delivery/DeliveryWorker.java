package io.osmigration.notification.delivery;

import java.time.Clock;
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
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.channel.ChannelStore;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.RenderedMessage;
import io.osmigration.notification.domain.RetryPolicy;
import io.osmigration.notification.domain.Templates;

/**
 * Works the delivery queue. A loop finds the channels with messages due and hands each channel to a pool thread,
 * one task per channel at a time: a channel whose server hangs or fails occupies one thread and its own messages
 * only, never the others'. Failed sends come back after an exponential back-off until they run out of attempts.
 * DingTalk messages to one robot are grouped into one markdown message and paced by {@link RobotRateLimits}.
 */
@Component
public class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int EMAIL_BATCH = 20;

    private final DeliveryQueue queue;
    private final ChannelStore channels;
    private final Map<ChannelType, ChannelSender> senders = new EnumMap<>(ChannelType.class);
    private final NotificationProperties.Delivery settings;
    private final NotificationProperties.DingTalk dingtalk;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final RobotRateLimits rateLimits;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Instant nextLeaseCheck = Instant.MIN;
    private ExecutorService pool;
    private Thread loop;

    DeliveryWorker(DeliveryQueue queue, ChannelStore channels, List<ChannelSender> senders,
                   RobotRateLimits rateLimits, NotificationProperties properties, Clock clock) {
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

    /** Look at the queue now rather than at the next poll; call after queueing messages. */
    public void wakeUp() {
        wakeUp.release();
    }

    private void loop() {
        while (running) {
            try {
                Instant now = clock.instant();
                if (!now.isBefore(nextLeaseCheck)) {
                    // Leases run out in minutes: no need to look at every poll.
                    queue.releaseExpiredLeases(now);
                    nextLeaseCheck = now.plusSeconds(10);
                }
                for (String channelId : queue.channelsWithDueMessages(now)) {
                    if (inFlight.add(channelId)) {
                        pool.execute(() -> deliverChannel(channelId));
                    }
                }
                wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Delivery round failed, will retry: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void deliverChannel(String channelId) {
        try {
            Optional<Channel> channel = channels.find(channelId);
            Instant now = clock.instant();
            Instant leaseUntil = now.plus(settings.leaseTimeout());
            if (channel.isEmpty()) {
                for (Delivery orphan : queue.take(channelId, now, leaseUntil, 100)) {
                    queue.failed(orphan, now, "The channel was deleted");
                }
            } else if (channel.get().type() == ChannelType.DINGTALK) {
                deliverToRobot(channel.get(), now, leaseUntil);
            } else {
                for (Delivery delivery : queue.take(channelId, now, leaseUntil, EMAIL_BATCH)) {
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
    private void deliverToRobot(Channel channel, Instant now, Instant leaseUntil) {
        List<Delivery> deliveries = queue.take(channel.id(), now, leaseUntil, dingtalk.maxGroup());
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
            queue.sent(deliveries, clock.instant(), "m-" + UUID.randomUUID());
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
        }
    }

    private void pause() {
        try {
            wakeUp.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "notification-delivery-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        pool = Executors.newFixedThreadPool(settings.workerThreads(), threads);
        loop = new Thread(this::loop, "notification-delivery-loop");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the MongoDB client goes away. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2000;
    }
}
