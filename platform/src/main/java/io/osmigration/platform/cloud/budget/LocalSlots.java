package io.osmigration.platform.cloud.budget;

/** The timeline in this process's memory: a budget for one replica. */
final class LocalSlots implements SlotSource {

    private long next;

    @Override
    public synchronized Booking book(long spanMicros, long horizonMicros, long nowMicros) {
        long start = Math.max(next, nowMicros);
        if (start - nowMicros > horizonMicros) {
            return Booking.refusedUntil(start - horizonMicros, false);
        }
        next = start + spanMicros;
        return Booking.at(start, false);
    }

    @Override
    public synchronized void backOff(long untilMicros) {
        next = Math.max(next, untilMicros);
    }
}
