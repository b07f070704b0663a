package io.osmigration.platform.lease;

import java.time.Instant;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * One claim on one document. Its token fences every write made under it: {@link #fenced()} matches the document only
 * while no newer claim exists, so a worker whose lease expired (a long GC pause, a slow cloud call) and was taken over
 * can no longer change anything, even if it runs on the same replica as the new holder.
 */
public record Claim(String collection, Object documentId, String holder, long token, Instant until) {

    /** The document, only while this claim is its newest one. */
    public Query fenced() {
        return new Query(Criteria.where("_id").is(documentId).and(Leases.TOKEN).is(token));
    }

    Claim extendedTo(Instant newUntil) {
        return new Claim(collection, documentId, holder, token, newUntil);
    }
}
