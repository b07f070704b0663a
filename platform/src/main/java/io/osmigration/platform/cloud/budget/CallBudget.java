package io.osmigration.platform.cloud.budget;

import java.time.Duration;

import com.mongodb.client.MongoDatabase;

/**
 * The ECS calls an account may make per second, and who gets to make them. Every call waits for a slot of the
 * budget ({@link #acquire}); a {@code Throttling} answer from ECS pushes everyone's next slot back ({@link #backOff}).
 *
 * <p>{@link #shared} budgets live in MongoDB and hold across every replica of every service that books them under the
 * same account name: calls are spaced on one timeline, so the account as a whole never makes more than
 * {@code callsPerSecond} calls in a second. {@link #local} budgets hold for one process only. See the platform README
 * for how the shared budget works and what it costs.
 */
public interface CallBudget extends AutoCloseable {

    /**
     * Waits until this call may go, admitting waiting calls by priority (then in arrival order). Returns false when
     * no slot came within {@code maxWait} or the budget was closed. An interrupt does not end the wait; the caller's
     * interrupt flag is set again when it returns.
     */
    boolean acquire(CallPriority priority, Duration maxWait);

    /** ECS answered {@code Throttling}: no call of the account starts before {@code delay} from now. */
    void backOff(Duration delay);

    /** The longest a call should wait for a slot and Throttling back-offs together before it gives up. */
    Duration maxWait();

    /** What the budget did so far in this replica, for tests, logs and metrics. */
    BudgetStats stats();

    /** Stops admitting calls; waiting calls give up. */
    @Override
    void close();

    /** A budget of this process alone, with the default jitter margin (100 ms) and maximum wait (2 minutes). */
    static CallBudget local(int callsPerSecond) {
        return local(callsPerSecond, Duration.ofMillis(100), Duration.ofMinutes(2));
    }

    /** A budget of this process alone (one replica, or MongoDB not available). */
    static CallBudget local(int callsPerSecond, Duration jitterMargin, Duration maxWait) {
        return new PrioritizedCallBudget("local", new LocalSlots(), callsPerSecond, jitterMargin, maxWait,
                EpochMicros.SYSTEM);
    }

    /**
     * The budget of {@code account}, shared through {@code database} with every replica that uses the same account
     * name there.
     */
    static CallBudget shared(MongoDatabase database, String account, int callsPerSecond, Duration jitterMargin,
                             Duration maxWait) {
        return new PrioritizedCallBudget(account, new MongoSlots(database, account), callsPerSecond, jitterMargin,
                maxWait, EpochMicros.SYSTEM);
    }
}
