package io.osmigration.platform.outbox;

import java.util.List;
import java.util.Set;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/**
 * Wakes the relay whenever {@code MongoTemplate} saves or inserts a document with queued messages into an outbox
 * collection, so events leave right after the write that queued them without every service remembering to call
 * {@link OutboxRelay#wakeUp()}. Updates by operator ({@code $push} to {@code outbox}) raise no such event: after those
 * the service calls {@code wakeUp()} itself.
 */
class OutboxWriteListener extends AbstractMongoEventListener<Object> {

    private final OutboxRelay relay;
    private final Set<String> collections;

    OutboxWriteListener(OutboxRelay relay, List<String> collections) {
        this.relay = relay;
        this.collections = Set.copyOf(collections);
    }

    @Override
    public void onAfterSave(AfterSaveEvent<Object> event) {
        if (collections.contains(event.getCollectionName()) && event.getDocument() != null
                && event.getDocument().get("outbox") instanceof List<?> outbox && !outbox.isEmpty()) {
            relay.wakeUp();
        }
    }
}
