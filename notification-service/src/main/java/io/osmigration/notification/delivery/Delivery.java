package io.osmigration.notification.delivery;

import io.osmigration.notification.domain.RenderedMessage;
import io.osmigration.platform.lease.Claim;

/** A message taken from the queue for one channel, under this worker's claim. */
record Delivery(Claim claim, String id, String channelId, String eventId, String eventType, RenderedMessage message,
                int attempts) {
}
