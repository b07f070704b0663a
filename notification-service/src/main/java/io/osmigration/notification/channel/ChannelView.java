package io.osmigration.notification.channel;

import java.time.Instant;
import java.util.List;

import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.EventType;
import io.osmigration.notification.domain.UrlMasking;

/** A channel as the API shows it: no secret (only whether one is set), the webhook without its access token. */
record ChannelView(String id, String type, String name, List<String> recipients, String webhookUrl,
                   boolean secretConfigured, List<String> events, List<String> batchIds, String perJobMessages,
                   boolean builtIn, Instant createdAt) {

    static ChannelView of(Channel channel) {
        return new ChannelView(channel.id(), channel.type().name(), channel.name(), channel.recipients(),
                UrlMasking.mask(channel.webhookUrl()), channel.secretConfigured(),
                channel.events().stream().map(EventType::eventName).sorted().toList(), channel.batchIds(),
                channel.perJobMessages().name(), channel.builtIn(), channel.createdAt());
    }
}
