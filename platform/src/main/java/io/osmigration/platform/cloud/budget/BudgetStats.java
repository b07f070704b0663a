package io.osmigration.platform.cloud.budget;

import java.time.Duration;
import java.util.Map;

/**
 * What a budget did in this replica since it started.
 *
 * @param admitted            calls let through, by priority
 * @param waited              time those calls spent waiting for their slot, by priority
 * @param waiting             calls waiting right now, by priority
 * @param bookings            slot blocks booked from the budget's store (MongoDB round trips that got slots)
 * @param refusals            bookings refused because the account's backlog was beyond the priority's horizon
 * @param forfeitedSlots      booked slots nobody used in time (the call gave up, or this replica woke too late)
 * @param timedOut            calls that found no slot within their maximum wait
 * @param backoffsReported    Throttling answers this replica reported to the budget
 * @param slowedByOthers      bookings that had to start after a back-off another replica reported
 */
public record BudgetStats(Map<CallPriority, Long> admitted, Map<CallPriority, Duration> waited,
                          Map<CallPriority, Integer> waiting, long bookings, long refusals, long forfeitedSlots,
                          long timedOut, long backoffsReported, long slowedByOthers) {

    public long admittedTotal() {
        return admitted.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Mean wait of the calls of {@code priority} admitted so far ({@code ZERO} if none). */
    public Duration meanWait(CallPriority priority) {
        long calls = admitted.getOrDefault(priority, 0L);
        return calls == 0 ? Duration.ZERO : waited.getOrDefault(priority, Duration.ZERO).dividedBy(calls);
    }
}
