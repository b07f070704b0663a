package io.osmigration.notification.delivery;

import io.osmigration.notification.domain.RenderedMessage;

/** A message waiting in the queue for one channel. */
record Delivery(String id, String channelId, String eventId, String eventType, RenderedMessage message,
                int attempts) {
}
