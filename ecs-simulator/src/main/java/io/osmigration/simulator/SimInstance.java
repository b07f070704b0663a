package io.osmigration.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * Mutable state of one simulated instance, guarded by the owning {@link SimState}'s lock: the ECS
 * status (what the control plane reports), the operating system inside (booting, up, in Leapp's
 * offline phase, halted, lost) and the Cloud Assistant agent with its heartbeats. A guest reboot
 * does not change the ECS status: only API calls (Stop/Start/RebootInstance) and a guest power-off do.
 */
final class SimInstance {

    /** What the operating system inside is doing. */
    enum OsState { UP, BOOTING, OFFLINE_UPGRADE, HALTED, LOST }

    final Fleet.Instance spec;
    final FakeRoot root;
    final Instant createdAt;
    private String status;
    private boolean agentEnabled;
    private Instant agentStartedAt;   // null while the agent process is not running
    private Instant lastHeartbeat;    // the agent's last ping while it is not running
    private Instant startTime;
    private Instant bootedAt;
    private long transition;
    private boolean commandsHang;
    private long bootGeneration;
    private OsState os;
    private boolean neverReturns;
    private ScheduledFuture<?> scheduledShutdown;
    private final List<CompletableFuture<Void>> guestTimers = new ArrayList<>();
    private final List<InvocationRecord> pending = new ArrayList<>();

    SimInstance(Fleet.Instance spec, FakeRoot root, Instant now) {
        this.spec = spec;
        this.root = root;
        this.createdAt = now.minusSeconds(86_400L * 30);
        this.status = spec.status();
        this.agentEnabled = spec.cloudAssistant();
        this.startTime = createdAt;
        this.bootedAt = createdAt;
        this.neverReturns = spec.faults().rebootNeverReturns();
        this.os = "Running".equals(status) ? OsState.UP : OsState.HALTED;
        // An agent that has been running since the instance started; a disabled one last pinged long ago.
        this.agentStartedAt = agentEnabled && os == OsState.UP ? createdAt : null;
        this.lastHeartbeat = createdAt;
    }

    String id() {
        return spec.instanceId();
    }

    String status() {
        return status;
    }

    /** Sets a status and invalidates pending delayed transitions; returns the new transition number. */
    long setStatus(String newStatus, Instant now) {
        if (!"Running".equals(status) && "Running".equals(newStatus)) {
            startTime = now;
        }
        status = newStatus;
        return ++transition;
    }

    /** When the instance last became Running: ECS's StartTime (a reboot inside the guest does not move it). */
    Instant startTime() {
        return startTime;
    }

    /** When the operating system last finished booting. */
    Instant bootedAt() {
        return bootedAt;
    }

    long transition() {
        return transition;
    }

    OsState os() {
        return os;
    }

    void setOs(OsState state) {
        os = state;
    }

    long nextBoot() {
        return ++bootGeneration;
    }

    long bootGeneration() {
        return bootGeneration;
    }

    boolean neverReturns() {
        return neverReturns;
    }

    void setNeverReturns(boolean value) {
        neverReturns = value;
    }

    boolean agentEnabled() {
        return agentEnabled;
    }

    void setAgentEnabled(boolean enabled) {
        agentEnabled = enabled;
        root.writeCloudAssistant(enabled);
    }

    /** Test hook: commands on this instance start but never end by themselves (a stuck script or agent). */
    boolean commandsHang() {
        return commandsHang;
    }

    void setCommandsHang(boolean hang) {
        commandsHang = hang;
    }

    /** The agent process runs: enabled, and the OS is up on a running instance. */
    boolean agentRunning() {
        return agentEnabled && os == OsState.UP && "Running".equals(status) && agentStartedAt != null;
    }

    /** The OS came up: the agent starts and pings at once (heartbeat.go: heart-beat at starting). */
    void agentStart(Instant now) {
        if (agentEnabled && agentStartedAt == null) {
            agentStartedAt = now;
        }
    }

    void agentStop(Instant now, Duration interval) {
        if (agentStartedAt != null) {
            lastHeartbeat = heartbeatAt(now, interval);
            agentStartedAt = null;
        }
    }

    /** The agent's last ping: at start, then every interval (heartbeat.go, 55-65 s). */
    Instant lastHeartbeat(Instant now, Duration interval) {
        return agentStartedAt == null ? lastHeartbeat : heartbeatAt(now, interval);
    }

    private Instant heartbeatAt(Instant now, Duration interval) {
        long beats = Duration.between(agentStartedAt, now).toNanos() / Math.max(1, interval.toNanos());
        return agentStartedAt.plusNanos(beats * interval.toNanos());
    }

    /**
     * What Cloud Assistant believes: online while the agent runs, and after it went away until a
     * heartbeat is overdue. The agent pings every 55-65 s (heartbeat.go), so the service cannot call
     * it gone before two intervals have passed since the last ping: "online" lags a reboot by one to
     * two intervals. (The service side is not public; this is the least it must wait.)
     */
    boolean reportedOnline(Instant now, Duration interval) {
        if (agentRunning()) {
            return true;
        }
        return lastHeartbeat != null && !now.isAfter(lastHeartbeat.plus(interval.multipliedBy(2)));
    }

    void booted(Instant now) {
        bootedAt = now;
    }

    List<InvocationRecord> pending() {
        return pending;
    }

    List<CompletableFuture<Void>> guestTimers() {
        return guestTimers;
    }

    ScheduledFuture<?> scheduledShutdown() {
        return scheduledShutdown;
    }

    void setScheduledShutdown(ScheduledFuture<?> f) {
        scheduledShutdown = f;
    }

    /** The fake root, built or not (its paths and environment do not need it built). */
    FakeRoot root() {
        return root;
    }

    /** Builds the fake root on first use. */
    FakeRoot ensureRoot() {
        root.ensureBuilt(agentEnabled);
        return root;
    }
}
