package io.osmigration.notification.channel;

import java.util.List;

import io.osmigration.notification.domain.ChannelDraft;

/** Body of {@code POST /api/v1/channels}. Every field is checked by {@link ChannelDraft#violations()}. */
record ChannelRequest(String type, String name, List<String> recipients, String webhookUrl, String secret,
                      List<String> events, List<String> batchIds, String perJobMessages) {

    ChannelDraft toDraft() {
        return new ChannelDraft(type, name, recipients, webhookUrl, secret, events, batchIds, perJobMessages);
    }

    @Override
    public String toString() {
        return toDraft().toString();
    }
}
