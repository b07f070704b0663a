package io.osmigration.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a fleet load creates: instances, snapshots, invocations and the threads that move
 * them along. A reset throws the whole object away, so late callbacks of the old one cannot touch
 * the new fleet. All mutation happens under this object's monitor.
 */
final class SimState implements AutoCloseable {

    static final String SNAPSHOT_DIR = "_snapshots";
    static final String SCRATCH_DIR = "_invocations";
    private static final Logger LOG = LoggerFactory.getLogger(SimState.class);

    final SimulatorSettings settings;
    final Fleet fleet;
    final Clock clock;
    private final Map<String, SimInstance> instances = new LinkedHashMap<>();
    private final Map<String, SimInstance> diskOwners = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, String> snapshotTokens = new LinkedHashMap<>();
    private final Map<String, Invocation> invocations = new LinkedHashMap<>();
    private final Map<String, Invocation> invocationTokens = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final CommandRunner runner;
    private volatile boolean closed;

    SimState(SimulatorSettings settings, Fleet fleet, Clock clock) {
        this.settings = settings;
        this.fleet = fleet;
        this.clock = clock;
        Path work = settings.workDir();
        // Start from clean roots: only directories we own are removed, never the work dir itself.
        FakeRoot.deleteTree(work.resolve(SNAPSHOT_DIR));
        FakeRoot.deleteTree(work.resolve(SCRATCH_DIR));
        for (Fleet.Instance spec : fleet.instances()) {
            FakeRoot root = new FakeRoot(work.resolve(spec.instanceId()), spec);
            root.wipe();
            SimInstance inst = new SimInstance(spec, root, clock.instant());
            instances.put(spec.instanceId(), inst);
            spec.disks().forEach(d -> diskOwners.put(d.diskId(), inst));
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ecs-sim-lifecycle");
            t.setDaemon(true);
            return t;
        });
        this.runner = new CommandRunner(settings.commandThreads(), work.resolve(SCRATCH_DIR));
    }

    Instant now() {
        return clock.instant();
    }

    // ---- instances -------------------------------------------------------------------------

    synchronized Collection<SimInstance> instances() {
        return List.copyOf(instances.values());
    }

    /** The instance, or ECS's not-found error; an instance of another region does not exist there. */
    synchronized SimInstance instance(String id, String regionId) {
        SimInstance inst = instances.get(id);
        if (inst == null || regionId != null && !regionId.equals(inst.spec.regionId())) {
            throw EcsException.instanceNotFound(id);
        }
        return inst;
    }

    synchronized SimInstance diskOwner(String diskId, String regionId) {
        SimInstance inst = diskOwners.get(diskId);
        if (inst == null || regionId != null && !regionId.equals(inst.spec.regionId())) {
            throw EcsException.diskNotFound(diskId);
        }
        return inst;
    }

    synchronized SimInstance diskOwnerOrNull(String diskId) {
        return diskOwners.get(diskId);
    }

    static Fleet.Disk disk(SimInstance inst, String diskId) {
        return inst.spec.disks().stream().filter(d -> d.diskId().equals(diskId)).findFirst()
                .orElseThrow(() -> EcsException.diskNotFound(diskId));
    }

    synchronized void stop(SimInstance inst) {
        requireStatus(inst, "Running");
        transition(inst, "Stopping", settings.rebootDuration(), "Stopped");
    }

    synchronized void start(SimInstance inst) {
        requireStatus(inst, "Stopped");
        transition(inst, "Starting", settings.rebootDuration(), "Running");
    }

    synchronized void reboot(SimInstance inst) {
        requireStatus(inst, "Running");
        rebootNow(inst);
    }

    // Stopping for the first half of the reboot time, Starting for the second, then Running.
    private void rebootNow(SimInstance inst) {
        Duration half = settings.rebootDuration().dividedBy(2);
        long t = inst.setStatus("Stopping", now());
        later(inst, t, half, "Starting");
        later(inst, t + 1, settings.rebootDuration(), "Running");
    }

    private void transition(SimInstance inst, String now, Duration after, String then) {
        long t = inst.setStatus(now, now());
        later(inst, t, after, then);
    }

    // Applies a delayed status only if nothing else changed the instance in between.
    private void later(SimInstance inst, long expectedTransition, Duration delay, String status) {
        if (closed) {
            return;
        }
        scheduler.schedule(() -> {
            synchronized (this) {
                if (!closed && inst.transition() == expectedTransition) {
                    inst.setStatus(status, now());
                }
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Operator hook: someone changed the status behind our back; pending transitions are dropped. */
    synchronized void forceStatus(SimInstance inst, String status) {
        inst.setStatus(status, now());
    }

    private static void requireStatus(SimInstance inst, String required) {
        if (!required.equals(inst.status())) {
            throw EcsException.incorrectInstanceStatus(inst.id(), inst.status());
        }
    }

    // ---- snapshots -------------------------------------------------------------------------

    synchronized Snapshot createSnapshot(SimInstance inst, Fleet.Disk disk, String name, String description, String token) {
        if (token != null && snapshotTokens.containsKey(token)) {
            Snapshot previous = snapshots.get(snapshotTokens.get(token));
            if (previous != null && !previous.diskId.equals(disk.diskId())) {
                throw EcsException.idempotentMismatch();
            }
            if (previous != null) {
                return previous;
            }
        }
        if (!"Running".equals(inst.status()) && !"Stopped".equals(inst.status())) {
            throw EcsException.incorrectInstanceStatus(inst.id(), inst.status());
        }
        String id = Ids.snapshotId();
        Path capture = null;
        if (disk.isSystem()) {
            capture = settings.workDir().resolve(SNAPSHOT_DIR).resolve(id);
            inst.ensureRoot().captureTo(capture);
        }
        Snapshot s = new Snapshot(id, name == null ? id : name, description, disk, inst, now(), settings.snapshotDuration(), capture);
        snapshots.put(id, s);
        if (token != null) {
            snapshotTokens.put(token, id);
        }
        return s;
    }

    synchronized List<Snapshot> snapshots() {
        return new ArrayList<>(snapshots.values());
    }

    synchronized Snapshot snapshot(String id) {
        Snapshot s = snapshots.get(id);
        if (s == null) {
            throw EcsException.snapshotNotFound(id);
        }
        return s;
    }

    synchronized void deleteSnapshot(String id) {
        Snapshot s = snapshot(id);
        snapshots.remove(id);
        if (s.capture != null) {
            FakeRoot.deleteTree(s.capture);
        }
    }

    /** ResetDisk: the instance must be stopped; a system disk gets the snapshot's root back. */
    synchronized void resetDisk(SimInstance inst, Fleet.Disk disk, Snapshot s) {
        requireStatus(inst, "Stopped");
        if (!s.diskId.equals(disk.diskId())) {
            throw new EcsException(403, "InvalidSnapshotId.NotDiskSnapshot",
                    "The specified snapshot " + s.id + " was not created from disk " + disk.diskId() + ".");
        }
        if (!"accomplished".equals(s.status(now()))) {
            throw new EcsException(403, "InvalidSnapshotId.NotReady", "The specified snapshot has not completed yet.");
        }
        if (s.capture != null) {
            inst.root.restoreFrom(s.capture);
            inst.root.writeCloudAssistant(inst.agentEnabled());
        }
    }

    // ---- commands --------------------------------------------------------------------------

    synchronized Invocation invocationByToken(String token) {
        return token == null ? null : invocationTokens.get(token);
    }

    synchronized Invocation invocation(String invokeId) {
        Invocation inv = invocations.get(invokeId);
        if (inv == null) {
            throw EcsException.invokeNotFound(invokeId);
        }
        return inv;
    }

    synchronized List<Invocation> invocations() {
        return new ArrayList<>(invocations.values());
    }

    /** Registers an invocation and starts it on every target whose agent is online. */
    synchronized void run(Invocation inv, List<SimInstance> targets) {
        invocations.put(inv.invokeId, inv);
        if (inv.clientToken != null) {
            invocationTokens.put(inv.clientToken, inv);
        }
        Duration timeout = Duration.ofSeconds(inv.timeoutSeconds);
        if (timeout.compareTo(settings.commandTimeoutCap()) > 0) {
            timeout = settings.commandTimeoutCap();
        }
        for (SimInstance inst : targets) {
            InvocationRecord rec = inv.record(inst.id());
            if (!inst.agentOnline()) {
                rec.aborted("ClientNotRunning", "the aliyun service is not running on the instance", now());
                continue;
            }
            if (inst.commandsHang()) {
                hang(inst, rec, timeout);
                continue;
            }
            FakeRoot root = inst.ensureRoot();
            Path workingDir = inv.workingDir == null ? root.dir().resolve("root") : root.dir().resolve(stripSlash(inv.workingDir));
            CommandRunner.Job job = new CommandRunner.Job(inv.invokeId, inst.id(), inv.content, root.environment(), workingDir, timeout);
            runner.submit(job, () -> rec.started(now()), result -> finished(inst, rec, result));
        }
    }

    /**
     * A stuck command: it starts and stays Running until its Timeout, when the agent stops it and reports Timeout
     * ("Timeout: the command execution timed out", DescribeInvocationResults' InvocationStatus in the ECS API
     * reference; aliyun_assist_client kills the task when its timeout fires).
     */
    private void hang(SimInstance inst, InvocationRecord rec, Duration timeout) {
        rec.started(now());
        if (!closed) {
            scheduler.schedule(() -> rec.finished(new CommandRunner.Result(-1, true, new byte[0], 0, null), now()),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Invocation {} hangs on instance {} until its timeout of {}", rec.invokeId, inst.id(), timeout);
    }

    /**
     * The instance is released (deleted): every later call naming it answers InvalidInstanceId.NotFound, and
     * DescribeInstances no longer lists it, as ECS does for a released instance.
     */
    synchronized void release(SimInstance inst) {
        instances.remove(inst.id());
        diskOwners.values().removeIf(owner -> owner == inst);
        inst.setStatus("Released", now());
    }

    // After a script ends: a reboot it asked for happens now (the agent is gone until Running).
    private void finished(SimInstance inst, InvocationRecord rec, CommandRunner.Result result) {
        rec.finished(result, now());
        synchronized (this) {
            if (closed) {
                return;
            }
            if (inst.root.isBuilt() && inst.root.consumeRebootRequest()) {
                LOG.info("Instance {} reboots, requested by invocation {}", inst.id(), rec.invokeId);
                rebootNow(inst);
            }
        }
    }

    private static String stripSlash(String dir) {
        String d = dir;
        while (d.startsWith("/")) {
            d = d.substring(1);
        }
        if (d.contains("..")) {
            throw EcsException.invalid("WorkingDir", "It must not contain '..'.");
        }
        return d;
    }

    @Override
    public void close() {
        closed = true;
        runner.close();
        scheduler.shutdownNow();
    }
}
