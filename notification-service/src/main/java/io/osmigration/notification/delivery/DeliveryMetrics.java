package io.osmigration.notification.delivery;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.osmigration.notification.domain.ChannelType;

/**
 * {@code osm_notifications_total{channel, event, outcome}}: every notification attempt's end on this replica, with
 * {@code channel} the channel's type (EMAIL, DINGTALK), {@code event} the event type it tells of, and {@code outcome}
 * {@code sent}, {@code retried} (a failure that will be tried again) or {@code failed} (given up).
 */
@Component
class DeliveryMetrics {

    static final String NOTIFICATIONS = "osm.notifications";

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void ended(ChannelType channel, Delivery delivery, String outcome) {
        Counter.builder(NOTIFICATIONS).description("Notification attempts by channel type, event and outcome")
                .tags("channel", channel.name(), "event", String.valueOf(delivery.eventType()), "outcome", outcome)
                .register(registry).increment();
    }
}
