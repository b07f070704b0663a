package io.osmigration.precheck.check;

import java.time.Duration;
import java.time.Instant;

import io.osmigration.platform.cloud.assistant.CloudAssistantClient.InvocationKey;
import io.osmigration.platform.cloud.assistant.Invocation;
import io.osmigration.platform.cloud.assistant.InvocationResult;
import io.osmigration.platform.lease.Claim;
import io.osmigration.precheck.facts.FreshFacts;
import io.osmigration.precheck.rules.CheckSubject.SnapshotState;

/**
 * A check taken up on this replica, from its claim to its result: gathered with others before its collector starts
 * ({@link Stage#STARTING}), parked while the collector runs ({@link Stage#WAITING}; no thread waits for it, the
 * worker's poller reads it with the others), {@link Stage#READY} once its collector ended or could not deliver, then
 * judged and recorded on a worker thread ({@link Stage#FINISHING}) until {@link Stage#DONE}. Changed by the worker's
 * loop only, except the last two stages and {@link #cancel()}.
 */
final class InFlightCheck {

    enum Stage { STARTING, WAITING, READY, FINISHING, DONE }

    final PrecheckDocument check;
    final Instant started;
    final Instant deadline;
    volatile Claim claim;
    volatile Stage stage = Stage.STARTING;
    volatile boolean cancelled;
    /** The collector's request once stored with the check here (the document read at the claim may predate it). */
    Collector request;
    Invocation invocation;
    Instant factsDeadline;
    Instant nextPoll;
    Duration pause;
    InvocationResult result;
    FreshFacts failure;
    /** Snapshots in progress on its instance, read with the others' when its collector started. */
    SnapshotState snapshots;

    InFlightCheck(PrecheckDocument check, Claim claim, Instant started, Duration timeout) {
        this.check = check;
        this.claim = claim;
        this.started = started;
        this.deadline = started.plus(timeout);
    }

    String id() {
        return check.precheckId();
    }

    String region() {
        return check.regionId();
    }

    /**
     * The collector runs: read it first at {@code firstPoll}, then after pauses growing from {@code pause}; give up
     * at its start plus {@code factsTimeout}.
     */
    void waitFor(Invocation started, Instant firstPoll, Duration pause, Duration factsTimeout) {
        invocation = started;
        factsDeadline = (started.startedAt() == null ? firstPoll : started.startedAt()).plus(factsTimeout);
        this.pause = pause;
        nextPoll = firstPoll;
        stage = Stage.WAITING;
    }

    InvocationKey key() {
        return new InvocationKey(invocation.invokeId(), check.instanceId());
    }

    /** Still running: look again after a longer pause, at most {@code max}. */
    void backOff(Instant now, double multiplier, Duration max) {
        long grown = (long) (pause.toMillis() * multiplier);
        pause = Duration.ofMillis(Math.max(1, Math.min(grown, max.toMillis())));
        nextPoll = now.plus(pause);
    }

    void collected(InvocationResult ended) {
        result = ended;
        stage = Stage.READY;
    }

    /** No fresh facts (agent offline, RunCommand refused, collector too slow): the stored ones are used. */
    void noFreshFacts(FreshFacts why) {
        failure = why;
        stage = Stage.READY;
    }

    /** Its result no longer counts (past its deadline, claim lost, replica stopping). */
    void cancel() {
        cancelled = true;
    }
}
