package io.osmigration.platform.cloud.budget;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits calls to slots of a {@link SlotSource} timeline, by priority.
 *
 * <p>Calls wait in one queue ordered by priority, then arrival. The waiting callers do the work themselves, so no
 * call depends on another thread being scheduled: a caller that finds calls without a slot books a block for them —
 * up to {@value #BLOCK_SPAN_MICROS} µs of the budget, for the most important of them, within that priority's
 * {@link CallPriority#horizon() horizon} — and the caller at the head of the queue sleeps until the next slot and
 * then lets the most important waiting calls go, itself first. A slot goes to whoever is most important when it comes, not
 * to the call it was booked for: a step result that arrives after twenty polls takes the next one, and across
 * replicas polls book only while steps leave the account's backlog short.
 *
 * <p>Waiting is not interruptible, as a call that is being made is not either: an interrupted caller keeps its
 * place and gets its interrupt flag back when it is let go.
 *
 * <p>Slots are {@code (1 s + jitterMargin) / callsPerSecond} apart, and a slot not used within a quarter of the margin
 * is given up: calls leave at most a quarter margin after their slot, so even when their way to ECS takes up to three
 * quarters of the margin longer for one call than for another, no second of ECS's sees more than
 * {@code callsPerSecond} of them.
 */
final class PrioritizedCallBudget implements CallBudget {

    private static final Logger log = LoggerFactory.getLogger(PrioritizedCallBudget.class);
    /** The most of the timeline one booking takes: short enough to share, long enough to spare the store. */
    private static final long BLOCK_SPAN_MICROS = 100_000;
    private static final long STORE_FAILURE_PAUSE_MICROS = 500_000;
    /** The longest lead a booking gets over the store's round trip. */
    private static final long MAX_LEAD_MICROS = 1_000_000;
    /** The shortest sleep of the caller at the head, so that a clock step never makes it spin. */
    private static final long MIN_SLEEP_NANOS = 50_000;
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final CallPriority[] PRIORITIES = CallPriority.values();

    private final String name;
    private final SlotSource source;
    private final EpochMicros clock;
    private final long intervalMicros;
    private final long toleranceMicros;
    private final int maxBlock;
    /** Slots a booking may take beyond the calls waiting: no more than fit in half the tolerance. */
    private final int maxSpare;
    private final Duration maxWait;

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
            Comparator.comparingInt((Waiter waiter) -> waiter.priority.ordinal()).thenComparingLong(w -> w.sequence));
    private final int[] waitingCount = new int[PRIORITIES.length];
    /** Slots this replica booked and has not used yet, ascending (epoch µs). */
    private final ArrayDeque<Long> held = new ArrayDeque<>();
    /** Per priority: do not ask the store again before this time (it refused, or failed). */
    private final long[] notBefore = new long[PRIORITIES.length];
    private final long[] admitted = new long[PRIORITIES.length];
    private final long[] waitedNanos = new long[PRIORITIES.length];
    private boolean bookingInFlight;
    /** Smoothed round trip of a booking, and the lead a booking gets so that its first slot has not passed on arrival. */
    private long roundTripMicros;
    private long leadMicros;
    private long bookings;
    private long refusals;
    private long forfeited;
    private long timedOut;
    private long backoffsReported;
    private long slowedByOthers;
    private long sequence;
    /** Calls that arrived since the last booking was sent: how many the next round trip will likely bring. */
    private int arrivalsSinceBooking;
    private long lastFailureLogged = System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS;
    private boolean closed;

    PrioritizedCallBudget(String name, SlotSource source, int callsPerSecond, Duration jitterMargin, Duration maxWait,
                          EpochMicros clock) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1, was " + callsPerSecond);
        }
        if (jitterMargin.isNegative() || jitterMargin.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("jitterMargin must be within 0..1s, was " + jitterMargin);
        }
        long marginMicros = TimeUnit.NANOSECONDS.toMicros(jitterMargin.toNanos());
        this.name = name;
        this.source = source;
        this.clock = clock;
        this.intervalMicros = Math.max(1, (1_000_000 + marginMicros + callsPerSecond - 1) / callsPerSecond);
        this.toleranceMicros = Math.max(1_000, marginMicros / 4);
        this.maxBlock = (int) Math.max(1, BLOCK_SPAN_MICROS / intervalMicros);
        this.maxSpare = (int) Math.min(maxBlock, toleranceMicros / 2 / intervalMicros);
        this.maxWait = maxWait;
    }

    private static final class Waiter {
        final CallPriority priority;
        final long sequence;
        final Condition ready;
        boolean admitted;

        Waiter(CallPriority priority, long sequence, Condition ready) {
            this.priority = priority;
            this.sequence = sequence;
            this.ready = ready;
        }
    }

    private record Plan(CallPriority priority, int slots) {
    }

    @Override
    public boolean acquire(CallPriority priority, Duration wait) {
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            Waiter me = new Waiter(priority, sequence++, lock.newCondition());
            waiting.add(me);
            waitingCount[priority.ordinal()]++;
            arrivalsSinceBooking++;
            boolean interrupted = false;
            try {
                while (!me.admitted) {
                    if (closed || System.nanoTime() >= deadline) {
                        giveUp(me);
                        return false;
                    }
                    if (!takeTurn(me) && !me.admitted) {
                        try {
                            me.ready.awaitNanos(waitFor(me, deadline));
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            admitted[priority.ordinal()]++;
            waitedNanos[priority.ordinal()] += System.nanoTime() - started;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Does what is due now: drops slots that passed, lets calls go whose slot has come, and books for calls without
     * one. Returns whether it booked (then the caller looks again at once instead of sleeping).
     */
    private boolean takeTurn(Waiter me) {
        long now = clock.now();
        dropLateSlots(now);
        admitDueCalls(now);
        if (me.admitted || bookingInFlight) {
            return false;
        }
        Plan plan = nextBooking(now);
        if (plan == null) {
            return false;
        }
        book(plan);
        return true;
    }

    /** The head of the queue sleeps until the next slot or retry; the others until they are let go or promoted. */
    private long waitFor(Waiter me, long deadline) {
        long untilDeadline = deadline - System.nanoTime();
        if (waiting.peek() != me) {
            return untilDeadline;
        }
        long wakeUp = nextWakeUp();
        if (wakeUp == Long.MAX_VALUE) {
            return untilDeadline;
        }
        long untilWakeUp = TimeUnit.MICROSECONDS.toNanos(wakeUp - clock.now());
        return Math.max(MIN_SLEEP_NANOS, Math.min(untilDeadline, untilWakeUp));
    }

    private void giveUp(Waiter waiter) {
        boolean wasHead = waiting.peek() == waiter;
        waiting.remove(waiter);
        waitingCount[waiter.priority.ordinal()]--;
        timedOut++;
        if (wasHead) {
            wakeHead();
        }
    }

    /** The caller now at the head of the queue takes over the timed wait for the next slot. */
    private void wakeHead() {
        Waiter head = waiting.peek();
        if (head != null) {
            head.ready.signal();
        }
    }

    @Override
    public void backOff(Duration delay) {
        long until = clock.now() + TimeUnit.NANOSECONDS.toMicros(delay.toNanos());
        lock.lock();
        try {
            backoffsReported++;
            while (!held.isEmpty() && held.peekFirst() < until) {
                held.pollFirst();
                forfeited++;
            }
        } finally {
            lock.unlock();
        }
        try {
            source.backOff(until);
        } catch (RuntimeException e) {
            logStoreFailure(e);
        }
    }

    @Override
    public Duration maxWait() {
        return maxWait;
    }

    /** A slot passed by more than the tolerance is lost: using it now would bunch calls together. */
    private void dropLateSlots(long now) {
        while (!held.isEmpty() && held.peekFirst() + toleranceMicros < now) {
            held.pollFirst();
            forfeited++;
        }
    }

    private void admitDueCalls(long now) {
        boolean admittedAny = false;
        while (!held.isEmpty() && held.peekFirst() <= now && !waiting.isEmpty()) {
            held.pollFirst();
            Waiter next = waiting.poll();
            waitingCount[next.priority.ordinal()]--;
            next.admitted = true;
            next.ready.signal();
            admittedAny = true;
        }
        if (admittedAny) {
            wakeHead();
        }
    }

    /**
     * The held slots go to the most important waiting calls; the first priority with calls left over books for them,
     * unless the store told it to come back later. When the budget is large, a booking also takes a few spare slots
     * for the calls that will arrive while it travels (as many as arrived during the last one, within half the
     * tolerance): they need no round trip of their own, and a spare nobody takes is dropped like any late slot.
     */
    private Plan nextBooking(long now) {
        int covered = held.size();
        for (CallPriority priority : PRIORITIES) {
            int count = waitingCount[priority.ordinal()];
            if (covered >= count) {
                covered -= count;
                continue;
            }
            if (now < notBefore[priority.ordinal()]) {
                return null;
            }
            int spare = Math.min(arrivalsSinceBooking, maxSpare);
            return new Plan(priority, Math.min(count - covered + spare, maxBlock));
        }
        return null;
    }

    /** When something is next due: the first held slot, or the moment the store may be asked again. */
    private long nextWakeUp() {
        long wakeUp = Long.MAX_VALUE;
        if (!waiting.isEmpty() && !held.isEmpty()) {
            wakeUp = held.peekFirst();
        }
        if (bookingInFlight) {
            return wakeUp; // whoever books wakes the head when the answer is in
        }
        int covered = held.size();
        for (CallPriority priority : PRIORITIES) {
            int count = waitingCount[priority.ordinal()];
            if (covered < count) {
                return Math.min(wakeUp, notBefore[priority.ordinal()]);
            }
            covered -= count;
        }
        return wakeUp;
    }

    /**
     * Books with the lock released: the store may be a MongoDB round trip away, and other callers go on meanwhile.
     * The booking asks for slots from a little after now when round trips are long against the tolerance, so that the
     * first slot has not passed by the time the answer arrives.
     */
    private void book(Plan plan) {
        bookingInFlight = true;
        long horizon = TimeUnit.NANOSECONDS.toMicros(plan.priority().horizon().toNanos());
        long span = plan.slots() * intervalMicros;
        long from = clock.now() + leadMicros;
        arrivalsSinceBooking = 0;
        long sent = System.nanoTime();
        SlotSource.Booking booking = null;
        RuntimeException failure = null;
        lock.unlock();
        // The MongoDB driver gives up on a thread with its interrupt flag set; the booking serves every waiting call.
        boolean interrupted = Thread.interrupted();
        try {
            booking = source.book(span, horizon, from);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            lock.lock();
            bookingInFlight = false;
        }
        if (failure != null) {
            Arrays.fill(notBefore, clock.now() + STORE_FAILURE_PAUSE_MICROS);
            logStoreFailure(failure);
        } else {
            learnRoundTrip(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
            apply(plan, booking);
        }
        wakeHead();
    }

    private void learnRoundTrip(long roundTrip) {
        roundTripMicros = roundTripMicros == 0 ? roundTrip : (7 * roundTripMicros + roundTrip) / 8;
        long lead = roundTripMicros + roundTripMicros / 2 - toleranceMicros / 2;
        leadMicros = Math.min(MAX_LEAD_MICROS, Math.max(0, lead));
    }

    private void apply(Plan plan, SlotSource.Booking booking) {
        if (booking.granted()) {
            bookings++;
            if (booking.backoffByOther()) {
                slowedByOthers++;
            }
            for (int slot = 0; slot < plan.slots(); slot++) {
                held.addLast(booking.startMicros() + slot * intervalMicros);
            }
            notBefore[plan.priority().ordinal()] = 0;
        } else {
            refusals++;
            notBefore[plan.priority().ordinal()] = booking.retryAtMicros();
        }
    }

    private void logStoreFailure(RuntimeException e) {
        long now = System.nanoTime();
        if (now - lastFailureLogged >= FAILURE_LOG_INTERVAL_NANOS) {
            lastFailureLogged = now;
            log.warn("The ECS call budget {} cannot be booked, calls wait: {}", name, e.toString());
        }
    }

    @Override
    public BudgetStats stats() {
        lock.lock();
        try {
            Map<CallPriority, Long> admittedBy = new EnumMap<>(CallPriority.class);
            Map<CallPriority, Duration> waitedBy = new EnumMap<>(CallPriority.class);
            Map<CallPriority, Integer> waitingBy = new EnumMap<>(CallPriority.class);
            for (CallPriority priority : PRIORITIES) {
                admittedBy.put(priority, admitted[priority.ordinal()]);
                waitedBy.put(priority, Duration.ofNanos(waitedNanos[priority.ordinal()]));
                waitingBy.put(priority, waitingCount[priority.ordinal()]);
            }
            return new BudgetStats(admittedBy, waitedBy, waitingBy, bookings, refusals, forfeited, timedOut,
                    backoffsReported, slowedByOthers);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            waiting.forEach(waiter -> waiter.ready.signal());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "CallBudget[" + name + ", one call per " + intervalMicros + " µs]";
    }
}
