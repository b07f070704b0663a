package io.osmigration.registry.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import io.osmigration.platform.facts.ServerFacts;
import io.osmigration.platform.outbox.OutboxMessage;
import io.osmigration.registry.source.domain.ImportMethod;
import io.osmigration.registry.source.domain.SourceStatus;

/**
 * One migration source as stored: its last known facts and status, and in {@code outbox} the events its last changes
 * produced, written in the same document update (the platform's OutboxRelay sends them).
 */
@Document(SourceDocument.COLLECTION)
public class SourceDocument {

    public static final String COLLECTION = "sources";

    @Id
    private String id;
    private String instanceId;
    private String regionId;
    private ImportMethod importMethod;
    private SourceStatus status;
    private String statusReason;
    private ServerFacts facts;
    private String activationCodeId;
    private Instant firstImportedAt;
    private Instant importedAt;
    private Instant lastSeenAt;
    private List<OutboxMessage> outbox = new ArrayList<>();
    @Version
    private Long version;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    public String getRegionId() {
        return regionId;
    }

    public void setRegionId(String regionId) {
        this.regionId = regionId;
    }

    public ImportMethod getImportMethod() {
        return importMethod;
    }

    public void setImportMethod(ImportMethod importMethod) {
        this.importMethod = importMethod;
    }

    public SourceStatus getStatus() {
        return status;
    }

    public void setStatus(SourceStatus status) {
        this.status = status;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public void setStatusReason(String statusReason) {
        this.statusReason = statusReason;
    }

    public ServerFacts getFacts() {
        return facts;
    }

    public void setFacts(ServerFacts facts) {
        this.facts = facts;
    }

    public String getActivationCodeId() {
        return activationCodeId;
    }

    public void setActivationCodeId(String activationCodeId) {
        this.activationCodeId = activationCodeId;
    }

    public Instant getFirstImportedAt() {
        return firstImportedAt;
    }

    public void setFirstImportedAt(Instant firstImportedAt) {
        this.firstImportedAt = firstImportedAt;
    }

    public Instant getImportedAt() {
        return importedAt;
    }

    public void setImportedAt(Instant importedAt) {
        this.importedAt = importedAt;
    }

    public Instant getLastSeenAt() {
        return lastSeenAt;
    }

    public void setLastSeenAt(Instant lastSeenAt) {
        this.lastSeenAt = lastSeenAt;
    }

    public List<OutboxMessage> getOutbox() {
        return outbox;
    }

    public void setOutbox(List<OutboxMessage> outbox) {
        this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
