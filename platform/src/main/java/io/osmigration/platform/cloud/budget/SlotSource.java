package io.osmigration.platform.cloud.budget;

/**
 * The account's timeline of call slots: one "next free slot" time that only moves forward. Booking a span takes the
 * time from there (or from now, if the budget has been idle) and moves it on by the span, so two bookings never share
 * a moment, whoever makes them.
 */
interface SlotSource {

    /**
     * Books {@code spanMicros} of the timeline, unless the next free slot lies more than {@code horizonMicros} after
     * {@code nowMicros}.
     */
    Booking book(long spanMicros, long horizonMicros, long nowMicros);

    /** Nobody's next slot starts before {@code untilMicros}. */
    void backOff(long untilMicros);

    /**
     * The answer to a booking.
     *
     * @param startMicros    start of the booked span, or -1 if refused
     * @param retryAtMicros  when refused: when the backlog will have shrunk to the horizon
     * @param backoffByOther the span starts after a back-off that another replica reported
     */
    record Booking(long startMicros, long retryAtMicros, boolean backoffByOther) {

        static Booking at(long startMicros, boolean backoffByOther) {
            return new Booking(startMicros, 0, backoffByOther);
        }

        static Booking refusedUntil(long retryAtMicros, boolean backoffByOther) {
            return new Booking(-1, retryAtMicros, backoffByOther);
        }

        boolean granted() {
            return startMicros >= 0;
        }
    }
}
