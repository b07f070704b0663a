package io.osmigration.platform.cloud.budget;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.max;
import static com.mongodb.client.model.Updates.set;

import java.util.UUID;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;

/**
 * The account's timeline in one MongoDB document, {@code {_id: <account>, next, bookings, backoffUntil, backoffBy}}, that
 * every replica books from with single-document atomic updates (no transactions, so a standalone MongoDB will do).
 * Every query is by {@code _id}: the collection needs no index beyond the one MongoDB always has.
 *
 * <p>A booking is one {@code findAndModify} when the budget is busy ({@code next} within the horizon: move it on by
 * the span) or idle ({@code next} in the past: set it to now plus the span); the account's first booking creates the
 * document.
 * Which of the two is tried first follows the last state seen, so a booking usually costs one round trip; a refusal
 * costs a third one to learn when to come back.
 */
final class MongoSlots implements SlotSource {

    static final String COLLECTION = "ecs_call_budget";
    private static final FindOneAndUpdateOptions RETURN_NEW = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> budgets;
    private final String account;
    private final String replica = "ecs-budget-" + UUID.randomUUID();
    private volatile long lastSeenNext;

    MongoSlots(MongoDatabase database, String account) {
        this.budgets = database.getCollection(COLLECTION);
        this.account = account;
    }

    @Override
    public Booking book(long spanMicros, long horizonMicros, long nowMicros) {
        boolean idleLastTime = lastSeenNext < nowMicros;
        Document booked = idleLastTime ? bookIdle(spanMicros, nowMicros) : bookBusy(spanMicros, horizonMicros, nowMicros);
        if (booked == null) {
            booked = idleLastTime ? bookBusy(spanMicros, horizonMicros, nowMicros) : bookIdle(spanMicros, nowMicros);
        }
        if (booked != null) {
            long next = booked.getLong("next");
            lastSeenNext = next;
            return Booking.at(next - spanMicros, backoffByOther(booked, nowMicros));
        }
        Document current = budgets.find(eq("_id", account)).first();
        if (current == null) {
            return create(spanMicros, nowMicros);
        }
        long next = current.getLong("next");
        lastSeenNext = next;
        return Booking.refusedUntil(Math.max(nowMicros, next - horizonMicros), backoffByOther(current, nowMicros));
    }

    /** The budget is idle: the span starts now. */
    private Document bookIdle(long spanMicros, long nowMicros) {
        return budgets.findOneAndUpdate(and(eq("_id", account), lt("next", nowMicros)),
                combine(set("next", nowMicros + spanMicros), inc("bookings", 1L)), RETURN_NEW);
    }

    /** The account's first booking ever creates its document; of two replicas racing to, one books, one tries again. */
    private Booking create(long spanMicros, long nowMicros) {
        try {
            budgets.insertOne(new Document("_id", account).append("next", nowMicros + spanMicros).append("bookings", 1L));
            lastSeenNext = nowMicros + spanMicros;
            return Booking.at(nowMicros, false);
        } catch (MongoServerException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return Booking.refusedUntil(nowMicros, false);
            }
            throw e;
        }
    }

    /** The budget is busy but within the horizon: the span starts where the last booking ended. */
    private Document bookBusy(long spanMicros, long horizonMicros, long nowMicros) {
        return budgets.findOneAndUpdate(
                and(eq("_id", account), gte("next", nowMicros), lte("next", nowMicros + horizonMicros)),
                combine(inc("next", spanMicros), inc("bookings", 1L)), RETURN_NEW);
    }

    private boolean backoffByOther(Document budget, long nowMicros) {
        Long until = budget.getLong("backoffUntil");
        return until != null && until > nowMicros && !replica.equals(budget.getString("backoffBy"));
    }

    @Override
    public void backOff(long untilMicros) {
        // Only a longer back-off than the one in force changes anything; it moves "next" at least as far.
        budgets.updateOne(and(eq("_id", account), or(exists("backoffUntil", false), lt("backoffUntil", untilMicros))),
                combine(max("next", untilMicros), set("backoffUntil", untilMicros), set("backoffBy", replica)));
        lastSeenNext = Math.max(lastSeenNext, untilMicros);
    }
}
