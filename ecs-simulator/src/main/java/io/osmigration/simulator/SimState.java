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
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.osmigration.simulator.guest.GuestTools;

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
    static final String TOOLS_DIR = "_tools";
    private static final Logger LOG = LoggerFactory.getLogger(SimState.class);

    final SimulatorSettings settings;
    final Fleet fleet;
    final Clock clock;
    private final Map<String, SimInstance> instances = new LinkedHashMap<>();
    private final Map<String, SimInstance> diskOwners = new LinkedHashMap<>();
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    private final Map<String, String> snapshotTokens = new LinkedHashMap<>();
    private final Map<String, SnapshotGroup> snapshotGroups = new LinkedHashMap<>();
    private final Map<String, String> snapshotGroupTokens = new LinkedHashMap<>();
    private final Map<String, Invocation> invocations = new LinkedHashMap<>();
    private final Map<String, Invocation> invocationTokens = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final CommandRunner runner;
    private final ToolServer tools;
    private final Map<String, GuestAdapter> guests = new LinkedHashMap<>();
    private volatile boolean closed;

    SimState(SimulatorSettings settings, Fleet fleet, Clock clock) {
        this.settings = settings;
        this.fleet = fleet;
        this.clock = clock;
        Path work = settings.workDir();
        // Start from clean roots: only directories we own are removed, never the work dir itself.
        FakeRoot.deleteTree(work.resolve(SNAPSHOT_DIR));
        FakeRoot.deleteTree(work.resolve(SCRATCH_DIR));
        this.tools = new ToolServer(work.resolve(TOOLS_DIR), this::guestOwning);
        for (Fleet.Instance spec : fleet.instances()) {
            FakeRoot root = new FakeRoot(work.resolve(spec.instanceId()), spec, tools.fifo());
            root.wipe();
            SimInstance inst = new SimInstance(spec, root, clock.instant());
            instances.put(spec.instanceId(), inst);
            guests.put(spec.instanceId(), new GuestAdapter(this, inst));
            spec.disks().forEach(d -> diskOwners.put(d.diskId(), inst));
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ecs-sim-lifecycle");
            t.setDaemon(true);
            return t;
        });
        this.runner = new CommandRunner(settings.commandThreads(), work.resolve(SCRATCH_DIR), settings.outputQuota(),
                settings.runningOutputInterval());
    }

    // A shim's request directory lies under <work>/<instanceId>/tmp.
    private GuestAdapter guestOwning(Path requestDir) {
        Path rel = settings.workDir().toAbsolutePath().relativize(requestDir.toAbsolutePath());
        return rel.getNameCount() == 0 ? null : guests.get(rel.getName(0).toString());
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
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

    // ---- lifecycle: the control plane ---------------------------------------------------------

    /** StopInstance: the OS shuts down with the instance; an interrupted Leapp offline phase leaves it unbootable. */
    synchronized void stop(SimInstance inst) {
        requireStatus(inst, "Running");
        osDown(inst, SimInstance.OsState.HALTED);
        transition(inst, "Stopping", settings.rebootDuration(), "Stopped");
    }

    /** StartInstance: Starting, then Running, then the OS boots. */
    synchronized void start(SimInstance inst) {
        requireStatus(inst, "Stopped");
        long boot = inst.nextBoot();
        long t = inst.setStatus("Starting", now());
        later(inst, t, settings.rebootDuration(), "Running", () -> bootComplete(inst, boot));
    }

    /** RebootInstance: Stopping for half the boot time, Starting for the other half, then the OS is up. */
    synchronized void reboot(SimInstance inst) {
        requireStatus(inst, "Running");
        osDown(inst, SimInstance.OsState.BOOTING);
        long boot = inst.bootGeneration();
        Duration half = settings.rebootDuration().dividedBy(2);
        long t = inst.setStatus("Stopping", now());
        later(inst, t, half, "Starting", null);
        later(inst, t + 1, settings.rebootDuration(), "Running", () -> bootComplete(inst, boot));
    }

    private void transition(SimInstance inst, String now, Duration after, String then) {
        long t = inst.setStatus(now, now());
        later(inst, t, after, then, null);
    }

    // Applies a delayed status only if nothing else changed the instance in between, then runs "then".
    private void later(SimInstance inst, long expectedTransition, Duration delay, String status, Runnable then) {
        schedule(delay, () -> {
            if (inst.transition() == expectedTransition) {
                inst.setStatus(status, now());
                if (then != null) {
                    then.run();
                }
            }
        });
    }

    /** Runs under this object's lock after the delay, unless the state was closed meanwhile. */
    java.util.concurrent.ScheduledFuture<?> schedule(Duration delay, Runnable action) {
        if (closed) {
            return null;
        }
        return scheduler.schedule(() -> {
            synchronized (this) {
                if (!closed) {
                    action.run();
                }
            }
        }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Operator hook: someone changed the status behind our back; pending transitions are dropped. */
    synchronized void forceStatus(SimInstance inst, String status) {
        if ("Running".equals(status) && !"Running".equals(inst.status())) {
            inst.setStatus(status, now());
            bootComplete(inst, inst.nextBoot());
            return;
        }
        if (!"Running".equals(status) && "Running".equals(inst.status())) {
            osDown(inst, SimInstance.OsState.HALTED);
        }
        inst.setStatus(status, now());
    }

    /** Operator hook: the agent is stopped or started inside the guest. */
    synchronized void setAgent(SimInstance inst, boolean enabled) {
        if (!enabled) {
            inst.agentStop(now(), settings.agentHeartbeat());
        }
        inst.setAgentEnabled(enabled);
        if (enabled && inst.os() == SimInstance.OsState.UP && "Running".equals(inst.status())) {
            inst.agentStart(now());
            deliverPending(inst);
        }
    }

    // ---- lifecycle: inside the guest ------------------------------------------------------------

    /**
     * The OS goes down (reboot, power-off, Stop/RebootInstance): its commands die, the agent with
     * them (so they are never reported), timers of running tools stop. Stopping the instance during
     * Leapp's offline phase breaks the upgrade: the disk no longer boots.
     */
    private void osDown(SimInstance inst, SimInstance.OsState next) {
        if (inst.os() == SimInstance.OsState.OFFLINE_UPGRADE && next == SimInstance.OsState.HALTED) {
            LOG.warn("Instance {} was stopped during the offline upgrade: it will not boot again", inst.id());
            inst.setNeverReturns(true);
        }
        runner.killInstance(inst.id());
        inst.guestTimers().forEach(f -> f.cancel(false));
        inst.guestTimers().clear();
        if (inst.scheduledShutdown() != null) {
            inst.scheduledShutdown().cancel(false);
            inst.setScheduledShutdown(null);
        }
        inst.agentStop(now(), settings.agentHeartbeat());
        inst.setOs(next);
        inst.nextBoot();
    }

    /** A reboot from inside the guest: ECS still says Running; the OS and the agent are gone for the boot time. */
    synchronized void guestReboot(SimInstance inst, String why) {
        if (inst.os() != SimInstance.OsState.UP || !"Running".equals(inst.status())) {
            return;
        }
        LOG.info("Instance {} reboots ({})", inst.id(), why);
        osDown(inst, SimInstance.OsState.BOOTING);
        long boot = inst.bootGeneration();
        schedule(settings.rebootDuration(), () -> bootComplete(inst, boot));
    }

    /** A power-off from inside the guest: the instance ends Stopped, as after StopInstance. */
    synchronized void guestPowerOff(SimInstance inst, String why) {
        if (!"Running".equals(inst.status())) {
            return;
        }
        LOG.info("Instance {} powers off ({})", inst.id(), why);
        osDown(inst, SimInstance.OsState.HALTED);
        transition(inst, "Stopping", settings.rebootDuration().dividedBy(2), "Stopped");
    }

    // The boot finished: a staged Leapp upgrade runs its offline phase first (agent offline), then the
    // system reboots once more by itself into the new OS (AlmaLinux leapp-repository README).
    private void bootComplete(SimInstance inst, long boot) {
        if (inst.bootGeneration() != boot || !"Running".equals(inst.status())) {
            return;
        }
        if (inst.neverReturns()) {
            LOG.info("Instance {} does not come back from its reboot", inst.id());
            inst.setOs(SimInstance.OsState.LOST);
            return;
        }
        FakeRoot root = inst.ensureRoot();
        Optional<String> staged = GuestTools.stagedUpgrade(root.dir());
        if (staged.isPresent()) {
            LOG.info("Instance {} boots into the Leapp upgrade initramfs: upgrading to {}", inst.id(), staged.get());
            inst.setOs(SimInstance.OsState.OFFLINE_UPGRADE);
            Duration offline = settings.scaled(Durations.parse(inst.spec.leapp().offlineDuration()));
            schedule(offline, () -> {
                if (inst.bootGeneration() != boot) {
                    return;
                }
                GuestTools.runOfflineUpgrade(root.dir(), now());
                inst.setOs(SimInstance.OsState.BOOTING);
                long next = inst.nextBoot();
                schedule(settings.rebootDuration(), () -> bootComplete(inst, next));
            });
            return;
        }
        GuestTools.onBoot(root.dir());
        inst.setOs(SimInstance.OsState.UP);
        inst.booted(now());
        inst.agentStart(now());
        deliverPending(inst);
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

    /** A CreateSnapshotGroup request, its parameters checked for form already. */
    record GroupRequest(String regionId, String instanceId, List<String> diskIds, List<String> excludedDiskIds,
                        String name, String description, String clientToken, String request) {
    }

    /** A group and those of its snapshots that still exist. */
    record GroupView(SnapshotGroup group, List<Snapshot> members) {
    }

    /**
     * CreateSnapshotGroup (API reference): snapshots of the chosen disks, all taken now. With InstanceId, "DiskId.N
     * [may] specify only disks on the specified ECS instance", and without DiskId.N every disk of the instance but the
     * excluded ones is taken; without InstanceId, DiskId.N may name disks of several instances in one zone.
     */
    synchronized SnapshotGroup createSnapshotGroup(GroupRequest r) {
        if (r.clientToken() != null && snapshotGroupTokens.containsKey(r.clientToken())) {
            SnapshotGroup previous = snapshotGroups.get(snapshotGroupTokens.get(r.clientToken()));
            if (previous != null && !previous.request().equals(r.request())) {
                throw EcsException.idempotentMismatch();
            }
            if (previous != null) {
                return previous;
            }
        }
        Map<Fleet.Disk, SimInstance> chosen = new LinkedHashMap<>();
        if (r.instanceId() != null) {
            SimInstance inst = instance(r.instanceId(), r.regionId());
            for (String excluded : r.excludedDiskIds()) {
                disk(inst, excluded);
            }
            for (Fleet.Disk d : inst.spec.disks()) {
                boolean wanted = r.diskIds().isEmpty() ? !r.excludedDiskIds().contains(d.diskId())
                        : r.diskIds().contains(d.diskId());
                if (wanted) {
                    chosen.put(d, inst);
                }
            }
            for (String id : r.diskIds()) {
                if (diskOwner(id, r.regionId()) != inst) {
                    throw EcsException.invalid("DiskId.N", "Disk " + id + " is not attached to instance "
                            + inst.id() + ".");
                }
            }
        } else {
            for (String id : r.diskIds()) {
                SimInstance owner = diskOwner(id, r.regionId());
                chosen.put(disk(owner, id), owner);
            }
        }
        checkGroupLimits(chosen);
        for (SimInstance owner : chosen.values()) {
            // "If a disk is in the In Use (In_use) state, make sure that the ECS instance to which the disk is
            // attached is in the Running (Running) or Stopped (Stopped) state."
            if (!"Running".equals(owner.status()) && !"Stopped".equals(owner.status())) {
                throw EcsException.incorrectInstanceStatus(owner.id(), owner.status());
            }
        }
        List<String> members = new ArrayList<>();
        chosen.forEach((disk, owner) -> members.add(createSnapshot(owner, disk, null, r.description(), null).id));
        String instanceId = r.instanceId() != null ? r.instanceId()
                : chosen.values().stream().distinct().count() == 1 ? chosen.values().iterator().next().id() : null;
        SnapshotGroup group = new SnapshotGroup(Ids.snapshotGroupId(), r.name(), r.description(), r.regionId(),
                instanceId, now(), List.copyOf(members), r.request());
        snapshotGroups.put(group.id(), group);
        if (r.clientToken() != null) {
            snapshotGroupTokens.put(r.clientToken(), group.id());
        }
        return group;
    }

    private static void checkGroupLimits(Map<Fleet.Disk, SimInstance> chosen) {
        if (chosen.isEmpty()) {
            throw EcsException.invalid("DiskId.N", "No disk to snapshot.");
        }
        // "A snapshot-consistent group can contain snapshots of up to 16 disks … and cannot exceed 32 TiB in size."
        // The reference gives the limit, not the code: answered as a parameter ECS cannot accept.
        long totalGiB = chosen.keySet().stream().mapToLong(Fleet.Disk::sizeGiB).sum();
        if (chosen.size() > SnapshotGroupActions.MAX_DISKS || totalGiB > SnapshotGroupActions.MAX_TOTAL_GIB) {
            throw EcsException.invalid("DiskId.N", "A snapshot-consistent group takes at most "
                    + SnapshotGroupActions.MAX_DISKS + " disks of 32 TiB in all; asked " + chosen.size() + " disks of "
                    + totalGiB + " GiB.");
        }
        // "Snapshot-consistent groups can be used to create snapshots only for Enterprise SSDs (ESSDs), ESSD AutoPL
        // disks, and ESSD Entry disks." The reference gives no code for it: answered with the 403 ECS uses for an
        // operation a disk category does not support.
        for (Fleet.Disk d : chosen.keySet()) {
            if (!d.essd()) {
                throw new EcsException(403, "InvalidDiskCategory.NotSupported", "The disk category " + d.category()
                        + " of disk " + d.diskId() + " does not support snapshot-consistent groups.");
            }
        }
    }

    /** Every group that still has a snapshot, oldest first (a group whose snapshots are all deleted is gone). */
    synchronized List<GroupView> snapshotGroups() {
        List<GroupView> views = new ArrayList<>();
        for (SnapshotGroup g : snapshotGroups.values()) {
            List<Snapshot> members = g.snapshotIds().stream().map(snapshots::get)
                    .filter(java.util.Objects::nonNull).toList();
            if (!members.isEmpty()) {
                views.add(new GroupView(g, members));
            }
        }
        return views;
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
            inst.setNeverReturns(false); // the disk the failed upgrade left behind is gone
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

    /**
     * Registers an invocation and delivers it to each target: at once where the agent runs; where
     * Cloud Assistant still believes the agent online (it went away less than a heartbeat ago) it
     * waits for the agent to come back within the delivery timeout; elsewhere it is Aborted.
     */
    synchronized void run(Invocation inv, List<SimInstance> targets) {
        invocations.put(inv.invokeId, inv);
        if (inv.clientToken != null) {
            invocationTokens.put(inv.clientToken, inv);
        }
        for (SimInstance inst : targets) {
            InvocationRecord rec = inv.record(inst.id());
            if (inst.agentRunning()) {
                start(inst, inv, rec);
            } else if (inst.reportedOnline(now(), settings.agentHeartbeat())) {
                inst.pending().add(rec);
                schedule(settings.deliveryTimeout(), () -> {
                    if (inst.pending().remove(rec)) {
                        rec.aborted("ClientNotResponse", "the aliyun service in the instance does not response", now());
                    }
                });
            } else {
                rec.aborted("ClientNotRunning", "the aliyun service is not running on the instance", now());
            }
        }
    }

    private void deliverPending(SimInstance inst) {
        List<InvocationRecord> waiting = new ArrayList<>(inst.pending());
        inst.pending().clear();
        for (InvocationRecord rec : waiting) {
            Invocation inv = invocations.get(rec.invokeId);
            if (inv != null) {
                start(inst, inv, rec);
            }
        }
    }

    private void start(SimInstance inst, Invocation inv, InvocationRecord rec) {
        Duration timeout = Duration.ofSeconds(inv.timeoutSeconds);
        if (timeout.compareTo(settings.commandTimeoutCap()) > 0) {
            timeout = settings.commandTimeoutCap();
        }
        if (inst.commandsHang()) {
            hang(inst, rec, timeout);
            return;
        }
        FakeRoot root = inst.root();
        Path workingDir = inv.workingDir == null ? root.dir().resolve("root") : root.dir().resolve(stripSlash(inv.workingDir));
        CommandRunner.Job job = new CommandRunner.Job(inv.invokeId, inst.id(), inv.content, root.environment(), workingDir, timeout);
        Duration limit = timeout;
        // The root is built on the command thread, so that a RunCommand for 100 new instances answers at once.
        runner.submit(job, () -> {
            inst.ensureRoot();
            rec.started(now());
        }, rec::running, result -> finished(inst, rec, result, limit));
    }

    /**
     * A stuck command: it starts and stays Running until its Timeout, when the agent stops it and reports Timeout
     * ("Timeout: the command execution timed out", DescribeInvocationResults' InvocationStatus in the ECS API
     * reference; aliyun_assist_client kills the task when its timeout fires).
     */
    private void hang(SimInstance inst, InvocationRecord rec, Duration timeout) {
        rec.started(now());
        schedule(timeout, () -> rec.finished(new CommandRunner.Result(-1, true, false, new byte[0], 0, null), now()));
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

    // After a script ends, as the agent's HostProcessor.SideEffect does: exit 194 reboots and 193 powers
    // off once the result is reported (aliyun_assist_client agent/taskengine/host/processor_unix.go).
    private void finished(SimInstance inst, InvocationRecord rec, CommandRunner.Result result, Duration timeout) {
        rec.finished(result, now());
        synchronized (this) {
            if (closed) {
                return;
            }
            if (result.interrupted()) {
                Instant started = rec.start() == null ? now() : rec.start();
                Duration left = Duration.between(now(), started.plus(timeout));
                schedule(left, () -> rec.unreportedTimeout(now()));
                return;
            }
            if (!result.timedOut() && result.error() == null && result.exitCode() == 194) {
                guestReboot(inst, "exit 194 of " + rec.invokeId);
            } else if (!result.timedOut() && result.error() == null && result.exitCode() == 193) {
                guestPowerOff(inst, "exit 193 of " + rec.invokeId);
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
        tools.close();
    }
}
