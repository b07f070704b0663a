package io.osmigration.notification.delivery;

import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.RenderedMessage;

/** Sends one message over one kind of channel. */
interface ChannelSender {

    ChannelType type();

    void send(Channel channel, RenderedMessage message) throws DeliveryException;
}
