package io.osmigration.precheck.check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.assistant.CloudAssistantClient.InvocationKey;
import io.osmigration.platform.cloud.assistant.CloudAssistantProperties;
import io.osmigration.platform.cloud.assistant.Invocation;
import io.osmigration.platform.cloud.assistant.InvocationResult;
import io.osmigration.platform.lease.Claim;
import io.osmigration.platform.lease.Claimed;
import io.osmigration.platform.outbox.OutboxRelay;
import io.osmigration.platform.work.BackgroundLoop;
import io.osmigration.precheck.PrecheckProperties;
import io.osmigration.precheck.check.InFlightCheck.Stage;
import io.osmigration.precheck.facts.CloudAssistantFacts;
import io.osmigration.precheck.facts.FreshFacts;
import io.osmigration.precheck.facts.InstanceSnapshots;
import io.osmigration.precheck.rules.CheckSubject.SnapshotState;
import io.osmigration.schemas.DeterministicIds;

/**
 * Works the durable check queue on this replica: the one poller of its checks. Each round it
 * <ol>
 * <li>looks after the checks in flight here (renews their claims, ends those past their deadline with
 * CHECK_TIMEOUT, drops those whose claim was lost);</li>
 * <li>claims new ones while fewer than {@code osm.precheck.max-concurrent-checks} are in flight;</li>
 * <li>starts the collector of the checks it gathered ({@code collector-linger}): per region one read of the snapshots
 * in progress for all of them, one agent status read for up to 50 instances and one RunCommand for up to 100, its
 * request and then its invocation stored with each check, so a replica that takes a check over follows the same
 * invocation;</li>
 * <li>reads where all parked invocations stand in as few calls as the Cloud Assistant client can (one read serves
 * every instance of an invocation), backing off from {@code osm.cloud-assistant.poll-initial} to
 * {@code poll-max};</li>
 * <li>hands each invocation's ended checks to a worker thread that reads their facts (chunks of large results for all
 * of them at once), applies the rules and records the results.</li>
 * </ol>
 * No thread waits for an instance: a check in flight is a few objects here and its document in MongoDB. The deadline
 * counts from the moment this replica took the check up: waiting in the queue, or for a replica that died, is not
 * the instance's fault (a check taken up too often ends with CHECK_ERROR instead).
 */
@Component
class CheckWorker extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(CheckWorker.class);
    /** RunCommand takes at most 100 instances. */
    private static final int RUN_COMMAND_INSTANCES = 100;

    private final CheckQueue queue;
    private final Checker checker;
    private final CloudAssistantFacts facts;
    private final InstanceSnapshots snapshots;
    private final OutboxRelay outboxRelay;
    private final PrecheckProperties properties;
    private final Clock clock;
    private final PrecheckMetrics metrics;
    private final Map<String, InFlightCheck> running = new ConcurrentHashMap<>();
    private volatile ExecutorService threads;

    CheckWorker(CheckQueue queue, Checker checker, CloudAssistantFacts facts, InstanceSnapshots snapshots,
                OutboxRelay outboxRelay, PrecheckProperties properties, Clock clock, PrecheckMetrics metrics) {
        super("precheck-worker");
        this.queue = queue;
        this.checker = checker;
        this.facts = facts;
        this.snapshots = snapshots;
        this.outboxRelay = outboxRelay;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** One round; returns how much it moved on (claimed, started, ended), 0 when it only waited. */
    @Override
    public int runOnce() {
        watch(clock.instant());
        int moved = claim();
        moved += startCollectors(clock.instant());
        moved += poll(clock.instant());
        moved += finishReady();
        return moved;
    }

    /** Checks in flight here, for operators and tests. */
    int runningHere() {
        return running.size();
    }

    // ---- claiming and watching ----------------------------------------------------------------------------------

    /** Claims queued checks while fewer than {@code max-concurrent-checks} are in flight, 100 at a time. */
    private int claim() {
        int claimed = 0;
        while (running.size() < properties.maxConcurrentChecks()) {
            int room = Math.min(RUN_COMMAND_INSTANCES, properties.maxConcurrentChecks() - running.size());
            List<Claimed<PrecheckDocument>> batch = queue.claimUpTo(room, properties.claimLease());
            for (Claimed<PrecheckDocument> next : batch) {
                take(next);
            }
            claimed += batch.size();
            if (batch.size() < room) {
                break;
            }
        }
        return claimed;
    }

    private void take(Claimed<PrecheckDocument> claimed) {
        PrecheckDocument check = claimed.document();
        InFlightCheck entry = new InFlightCheck(check, claimed.claim(), clock.instant(), properties.checkTimeout());
        if (check.attempts() > properties.maxAttempts()) {
            log.warn("Check {} was taken up {} times without finishing; giving up", check.precheckId(),
                    check.attempts());
            record(entry, CheckResult.interrupted(check.attempts() - 1));
            return;
        }
        if (check.attempts() > 1) {
            log.info("Taking over check {} (attempt {}): its previous replica stopped", check.precheckId(),
                    check.attempts());
        }
        running.put(check.precheckId(), entry);
    }

    /** Ends the checks past their deadline and renews, in one write, the claims that need it. */
    private void watch(Instant now) {
        List<InFlightCheck> toRenew = new ArrayList<>();
        for (InFlightCheck entry : List.copyOf(running.values())) {
            if (entry.stage == Stage.DONE) {
                continue; // it recorded its result and is leaving
            }
            if (!now.isBefore(entry.deadline)) {
                timeOut(entry);
            } else if (Duration.between(now, entry.claim.until()).compareTo(renewBelow()) < 0) {
                toRenew.add(entry);
            }
        }
        if (!toRenew.isEmpty()) {
            renew(toRenew, now);
        }
    }

    /** Ends the check with CHECK_TIMEOUT; whatever its collector delivers later is dropped. */
    private void timeOut(InFlightCheck entry) {
        log.warn("Check {} of {} exceeded {}; ending it", entry.id(), entry.check.server(), properties.checkTimeout());
        leave(entry);
        try {
            record(entry, CheckResult.timedOut(entry.check, properties.checkTimeout()));
        } catch (RuntimeException e) {
            log.warn("Recording the timeout of check {} failed; it is taken up again once its claim runs out: {}",
                    entry.id(), e.toString());
        }
    }

    private void renew(List<InFlightCheck> entries, Instant now) {
        Map<Object, Claim> renewed = new HashMap<>();
        try {
            queue.renewAll(entries.stream().map(entry -> entry.claim).toList(), properties.claimLease())
                    .forEach(claim -> renewed.put(claim.documentId(), claim));
        } catch (RuntimeException e) {
            for (InFlightCheck entry : entries) {
                if (!now.isBefore(entry.claim.until())) {
                    // Not renewed in time (the database is away): another replica may take the check over now.
                    log.warn("Check {}: claim could not be renewed and ran out; leaving it: {}", entry.id(),
                            e.toString());
                    leave(entry);
                }
            }
            return;
        }
        for (InFlightCheck entry : entries) {
            Claim claim = renewed.get(entry.id());
            if (claim != null) {
                entry.claim = claim;
            } else {
                log.warn("Check {}: claim lost to another replica; leaving it", entry.id());
                leave(entry);
            }
        }
    }

    private void leave(InFlightCheck entry) {
        entry.cancel();
        running.remove(entry.id(), entry);
    }

    /** Renewed when less than two thirds of the lease are left, so two rounds may fail before it runs out. */
    private Duration renewBelow() {
        return properties.claimLease().multipliedBy(2).dividedBy(3);
    }

    // ---- starting collectors ------------------------------------------------------------------------------------

    /**
     * Starts the collectors of the checks gathered here, once the oldest of them waited {@code collector-linger} (or
     * a RunCommand's worth is there): checks taken over follow their stored collector, the others share one status
     * read and one RunCommand per region.
     */
    private int startCollectors(Instant now) {
        List<InFlightCheck> starting = inStage(Stage.STARTING);
        if (starting.isEmpty() || starting.size() < RUN_COMMAND_INSTANCES && now.isBefore(startAt(starting))) {
            return 0;
        }
        Map<String, SnapshotState> inProgress = snapshotsOf(starting);
        starting.forEach(entry -> entry.snapshots = inProgress.get(entry.check.instanceId()));
        Map<String, List<InFlightCheck>> fresh = new LinkedHashMap<>();
        Map<String, List<InFlightCheck>> asked = new LinkedHashMap<>();
        for (InFlightCheck entry : starting) {
            // A request stored in an earlier round that failed after it (MongoDB away) is sent again as it was.
            Collector stored = requestOf(entry);
            if (stored != null && stored.started()) {
                entry.waitFor(stored.invocation(), now, polling().pollInitial(), properties.factsTimeout());
            } else if (stored != null) {
                asked.computeIfAbsent(stored.clientToken(), token -> new ArrayList<>()).add(entry);
            } else if (entry.check.instanceId() == null || entry.check.instanceId().isBlank()) {
                entry.noFreshFacts(FreshFacts.failed("the source has no ECS instance id"));
            } else {
                fresh.computeIfAbsent(entry.region(), region -> new ArrayList<>()).add(entry);
            }
        }
        // Sent by a replica that stopped before it stored ECS's answer: the same request finds the same invocation.
        asked.values().forEach(group -> send(requestOf(group.get(0)), group));
        fresh.forEach(this::startInRegion);
        return starting.size();
    }

    private static Collector requestOf(InFlightCheck entry) {
        return entry.request != null ? entry.request : entry.check.collector();
    }

    private Instant startAt(List<InFlightCheck> starting) {
        return starting.stream().map(entry -> entry.started).min(Comparator.naturalOrder()).orElseThrow()
                .plus(properties.collectorLinger());
    }

    private void startInRegion(String regionId, List<InFlightCheck> checks) {
        List<String> instanceIds = checks.stream().map(entry -> entry.check.instanceId()).distinct().toList();
        Map<String, String> offline = facts.offline(regionId, instanceIds);
        List<InFlightCheck> online = new ArrayList<>();
        for (InFlightCheck entry : checks) {
            String reason = offline.get(entry.check.instanceId());
            if (reason != null) {
                entry.noFreshFacts(FreshFacts.failed(reason));
            } else {
                online.add(entry);
            }
        }
        for (List<InFlightCheck> group : runCommands(online)) {
            launch(regionId, group);
        }
    }

    /** Groups of at most 100 checks on distinct instances (a RunCommand names an instance once). */
    private static List<List<InFlightCheck>> runCommands(List<InFlightCheck> checks) {
        List<List<InFlightCheck>> groups = new ArrayList<>();
        List<Set<String>> instances = new ArrayList<>();
        for (InFlightCheck entry : checks) {
            int index = 0;
            while (index < groups.size() && (groups.get(index).size() >= RUN_COMMAND_INSTANCES
                    || instances.get(index).contains(entry.check.instanceId()))) {
                index++;
            }
            if (index == groups.size()) {
                groups.add(new ArrayList<>());
                instances.add(new HashSet<>());
            }
            groups.get(index).add(entry);
            instances.get(index).add(entry.check.instanceId());
        }
        return groups;
    }

    /**
     * One RunCommand for the group. Its request is stored with every check first, so a replica taking one over
     * sends exactly this request again. A check on its own keeps the token {@code osm-<precheckId>}; a group's
     * derives from its checks' ids. When ECS refuses the command as a whole for a reason of the instances (one of
     * them stopped, say), each check is tried on its own, so one instance does not cost the others their facts.
     */
    private void launch(String regionId, List<InFlightCheck> group) {
        List<String> ids = group.stream().map(InFlightCheck::id).sorted().toList();
        String token = group.size() == 1 ? "osm-" + ids.get(0)
                : "osm-pcg-" + DeterministicIds.sha256Hex(String.join(",", ids)).substring(0, 40);
        Collector request = new Collector(token, regionId, group.stream().map(e -> e.check.instanceId()).toList(),
                null);
        List<InFlightCheck> members = store(group, request);
        if (members.isEmpty()) {
            return;
        }
        try {
            waitFor(members, request.startedAs(facts.start(regionId, request.instanceIds(), token)));
        } catch (CloudApiException e) {
            if (group.size() > 1 && !e.isRetryable()) {
                log.info("RunCommand of the collector on {} instances refused ({}); trying each on its own",
                        group.size(), e.getMessage());
                members.forEach(entry -> launch(regionId, List.of(entry)));
            } else {
                couldNotStart(request, members, e);
            }
        }
    }

    /** Sends a stored request again (same token, same instances). */
    private void send(Collector request, List<InFlightCheck> group) {
        try {
            waitFor(group, request.startedAs(facts.start(request.regionId(), request.instanceIds(),
                    request.clientToken())));
        } catch (CloudApiException e) {
            couldNotStart(request, group, e);
        }
    }

    /** The collector could not be started: the checks go on with the facts stored earlier. */
    private static void couldNotStart(Collector request, List<InFlightCheck> group, CloudApiException e) {
        log.info("Starting the fact collector on {} failed: {}", request.instanceIds(), e.getMessage());
        group.forEach(entry -> entry.noFreshFacts(FreshFacts.failed(e.getMessage())));
    }

    private void waitFor(List<InFlightCheck> group, Collector started) {
        Instant now = clock.instant();
        for (InFlightCheck entry : store(group, started)) {
            entry.waitFor(started.invocation(), now.plus(polling().pollInitial()), polling().pollInitial(),
                    properties.factsTimeout());
        }
    }

    /**
     * Stores the collector with the checks (one round trip); returns those it was stored with. A check whose claim
     * was lost meanwhile is left to its new holder.
     */
    private List<InFlightCheck> store(List<InFlightCheck> group, Collector collector) {
        Set<Object> stored = queue.collecting(group.stream().map(entry -> entry.claim).toList(), collector);
        List<InFlightCheck> members = new ArrayList<>();
        for (InFlightCheck entry : group) {
            if (stored.contains(entry.id())) {
                entry.request = collector;
                members.add(entry);
            } else {
                log.info("Check {}: claim lost or check ended while starting its collector; leaving it", entry.id());
                leave(entry);
            }
        }
        return members;
    }

    // ---- polling ------------------------------------------------------------------------------------------------

    /**
     * Reads where the parked invocations stand, once one of them is due; those due within the next
     * {@code poll-initial} come along, as the read is shared. Returns how many ended (or ran out of time).
     */
    private int poll(Instant now) {
        List<InFlightCheck> waiting = inStage(Stage.WAITING);
        if (waiting.stream().noneMatch(entry -> !entry.nextPoll.isAfter(now))) {
            return 0;
        }
        Instant horizon = now.plus(polling().pollInitial());
        Map<String, List<InFlightCheck>> byRegion = new LinkedHashMap<>();
        waiting.stream().filter(entry -> !entry.nextPoll.isAfter(horizon))
                .forEach(entry -> byRegion.computeIfAbsent(entry.region(), region -> new ArrayList<>()).add(entry));
        int ended = 0;
        for (Map.Entry<String, List<InFlightCheck>> region : byRegion.entrySet()) {
            ended += poll(region.getKey(), region.getValue());
        }
        return ended;
    }

    private int poll(String regionId, List<InFlightCheck> due) {
        Map<InvocationKey, InvocationResult> results;
        try {
            results = facts.results(regionId, due.stream().map(InFlightCheck::key).distinct().toList());
        } catch (CloudApiException e) {
            log.info("Reading {} collector invocation(s) in {} failed: {}", due.size(), regionId, e.getMessage());
            results = Map.of();
        }
        Instant now = clock.instant();
        int ended = 0;
        for (InFlightCheck entry : due) {
            InvocationResult result = results.get(entry.key());
            if (result != null && result.finished()) {
                entry.collected(result);
                ended++;
            } else if (!now.isBefore(entry.factsDeadline)) {
                entry.noFreshFacts(facts.notFinished(entry.invocation));
                ended++;
            } else {
                entry.backOff(now, polling().pollMultiplier(), polling().pollMax());
            }
        }
        return ended;
    }

    // ---- finishing ----------------------------------------------------------------------------------------------

    /**
     * Judges and records the checks whose collector ended or could not deliver: each invocation's checks go to a
     * worker thread (reading a large result takes further invocations).
     */
    private int finishReady() {
        List<InFlightCheck> ready = inStage(Stage.READY);
        if (ready.isEmpty()) {
            return 0;
        }
        Map<String, List<InFlightCheck>> byInvocation = new LinkedHashMap<>();
        for (InFlightCheck entry : ready) {
            entry.stage = Stage.FINISHING;
            if (entry.result != null) {
                byInvocation.computeIfAbsent(entry.invocation.invokeId(), id -> new ArrayList<>()).add(entry);
            } else {
                threads.execute(() -> finish(entry, entry.failure));
            }
        }
        for (List<InFlightCheck> group : byInvocation.values()) {
            threads.execute(() -> finishCollected(group));
        }
        return ready.size();
    }

    private Map<String, SnapshotState> snapshotsOf(List<InFlightCheck> ready) {
        Map<String, List<String>> byRegion = new LinkedHashMap<>();
        ready.stream().filter(entry -> entry.check.instanceId() != null && !entry.check.instanceId().isBlank())
                .forEach(entry -> byRegion.computeIfAbsent(entry.region(), region -> new ArrayList<>())
                        .add(entry.check.instanceId()));
        Map<String, SnapshotState> states = new HashMap<>();
        byRegion.forEach((region, instanceIds) -> states.putAll(snapshots.inProgress(region, instanceIds)));
        return states;
    }

    /** On a worker thread: the facts of one invocation's ended checks, then each check's result. */
    private void finishCollected(List<InFlightCheck> group) {
        Invocation invocation = group.get(0).invocation;
        Map<String, FreshFacts> collected;
        try {
            collected = facts.facts(invocation, group.stream().map(entry -> entry.result).toList());
        } catch (RuntimeException e) {
            log.error("Reading the facts of invocation {} failed unexpectedly", invocation.invokeId(), e);
            collected = Map.of();
        }
        for (InFlightCheck entry : group) {
            FreshFacts fresh = collected.getOrDefault(entry.check.instanceId(),
                    FreshFacts.failed("the fact collector's result could not be read"));
            finish(entry, fresh);
        }
    }

    private void finish(InFlightCheck entry, FreshFacts fresh) {
        try {
            if (entry.cancelled) {
                return; // past its deadline, lost, or this replica is stopping: the result is not ours
            }
            CheckResult result;
            try {
                result = checker.evaluate(entry.check, fresh, entry.snapshots);
            } catch (RuntimeException e) {
                log.error("Check {} failed unexpectedly", entry.id(), e);
                result = CheckResult.error(e);
            }
            if (!entry.cancelled) {
                record(entry, result);
            }
        } catch (RuntimeException e) {
            // The database is away: the claim runs out and a replica judges the check again (it follows the stored
            // invocation, so the collector does not run again on the instance).
            log.warn("Recording check {} failed; it will be judged again: {}", entry.id(), e.toString());
        } finally {
            entry.stage = Stage.DONE;
            running.remove(entry.id(), entry);
            wakeUp();
        }
    }

    private void record(InFlightCheck entry, CheckResult result) {
        if (queue.finish(entry.claim, entry.check, result, entry.started)) {
            metrics.finished(entry.check, result, entry.started, clock.instant());
            if (entry.check.isJob()) {
                outboxRelay.wakeUp();
            }
            log.info("Check {} of {} → {}: {}", entry.id(), entry.check.sourceId(),
                    result.failed() ? PrecheckDocument.FAILED : PrecheckDocument.PASSED,
                    result.findings().stream().map(f -> f.code()).distinct().toList());
        } else {
            log.debug("Check {} had ended or changed hands; this result is dropped", entry.id());
        }
    }

    private List<InFlightCheck> inStage(Stage stage) {
        return running.values().stream().filter(entry -> entry.stage == stage)
                .sorted(Comparator.comparing((InFlightCheck entry) -> entry.started)).toList();
    }

    private CloudAssistantProperties polling() {
        return facts.polling();
    }

    /**
     * Until the next thing due here — a parked invocation's next read, the gathered checks' start, a deadline — and
     * at most {@code queue-poll-interval} (how soon a replica sees checks queued on another) and a sixth of the claim
     * lease (claims are renewed in time).
     */
    @Override
    protected Duration idleWait() {
        Duration wait = properties.queuePollInterval();
        Duration renew = properties.claimLease().dividedBy(6);
        wait = wait.compareTo(renew) < 0 ? wait : renew;
        Instant now = clock.instant();
        Instant next = null;
        List<InFlightCheck> starting = new ArrayList<>();
        for (InFlightCheck entry : running.values()) {
            Instant due = switch (entry.stage) {
                case WAITING -> entry.nextPoll;
                case STARTING -> {
                    starting.add(entry);
                    yield null;
                }
                case FINISHING -> entry.deadline;
                default -> null;
            };
            if (due != null && (next == null || due.isBefore(next))) {
                next = due;
            }
        }
        if (!starting.isEmpty()) {
            Instant start = startAt(starting);
            next = next == null || start.isBefore(next) ? start : next;
        }
        if (next != null) {
            Duration until = Duration.between(now, next);
            Duration atLeast = Duration.ofMillis(1);
            until = until.compareTo(atLeast) < 0 ? atLeast : until;
            wait = until.compareTo(wait) < 0 ? until : wait;
        }
        return wait;
    }

    @Override
    public void start() {
        // Unbounded on purpose: only checks whose collector ended run here, and a thread stuck reading a large
        // result must not hold up the checks after it.
        threads = Executors.newCachedThreadPool(workerThreads("precheck"));
        super.start();
    }

    /**
     * Stops claiming, drops the results of the checks in flight here and gives them back, so another replica takes
     * them up at once (and follows their stored invocations) rather than when their claims run out.
     */
    @Override
    public void stop() {
        super.stop();
        for (InFlightCheck entry : List.copyOf(running.values())) {
            entry.cancel();
            try {
                queue.release(entry.claim);
            } catch (RuntimeException e) {
                log.info("Check {} not given back ({}); its claim runs out instead", entry.id(), e.toString());
            }
        }
        running.clear();
        ExecutorService pool = threads;
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops first when the service goes down (before the Kafka listeners, the outbox relay and the MongoDB client),
     * so its checks are handed to another replica without delay.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
