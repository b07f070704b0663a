package io.osmigration.platform.testapp;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.platform.outbox.OutboxMessage;

/** An aggregate with an outbox, as every service's aggregates have. */
@Document("widgets")
public class Widget {
    @Id
    String id;
    @Version
    Long version;
    String name;
    List<OutboxMessage> outbox = new ArrayList<>();

    Widget() {
    }

    public Widget(String id, String name) {
        this.id = id;
        this.name = name;
    }

    public String id() {
        return id;
    }

    public void raise(OutboxMessage message) {
        outbox.add(message);
    }
}
