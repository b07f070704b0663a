package io.osmigration.notification.channel;

import java.util.EnumSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.osmigration.notification.NotificationProperties;
import io.osmigration.notification.domain.Channel;
import io.osmigration.notification.domain.ChannelType;
import io.osmigration.notification.domain.EventType;

/**
 * At every start: seals again channel secrets written under an older data key, and writes the built-in EMAIL channel
 * from {@code osm.notifications.default-email-recipients} so it follows the configuration (removed when the list is
 * emptied).
 */
@Component
class DefaultChannel implements ApplicationRunner {

    static final String ID = "default-email";
    private static final Logger log = LoggerFactory.getLogger(DefaultChannel.class);

    private final ChannelStore store;
    private final NotificationProperties properties;
    private final java.time.Clock clock;

    DefaultChannel(ChannelStore store, NotificationProperties properties, java.time.Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        store.resealAll();
        List<String> recipients = properties.defaultEmailRecipients();
        if (recipients.isEmpty()) {
            store.delete(ID);
            return;
        }
        store.save(new Channel(ID, ChannelType.EMAIL, "Default e-mail (osm.notifications.default-email-recipients)",
                recipients, null, null, EnumSet.allOf(EventType.class), List.of(),
                properties.defaultPerJobMessages(), true, clock.instant()));
        log.info("Built-in e-mail channel sends to {} recipient(s)", recipients.size());
    }
}
