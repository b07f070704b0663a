package io.osmigration.simulator;

import java.time.Instant;

/**
 * Mutable state of one simulated instance. Guarded by the owning {@link SimState}'s lock; the
 * transition counter lets a delayed status change notice that something else happened meanwhile.
 */
final class SimInstance {

    final Fleet.Instance spec;
    final FakeRoot root;
    final Instant createdAt;
    private String status;
    private boolean agentEnabled;
    private Instant lastHeartbeat;
    private Instant startTime;
    private long transition;
    private boolean commandsHang;

    SimInstance(Fleet.Instance spec, FakeRoot root, Instant now) {
        this.spec = spec;
        this.root = root;
        this.createdAt = now.minusSeconds(86_400L * 30);
        this.status = spec.status();
        this.agentEnabled = spec.cloudAssistant();
        this.lastHeartbeat = now;
        this.startTime = createdAt;
    }

    String id() {
        return spec.instanceId();
    }

    String status() {
        return status;
    }

    /** Sets a status and invalidates pending delayed transitions; returns the new transition number. */
    long setStatus(String newStatus, Instant now) {
        if ("Running".equals(status) && !"Running".equals(newStatus)) {
            lastHeartbeat = now; // the agent's last heartbeat is when it went away
        }
        if (!"Running".equals(status) && "Running".equals(newStatus)) {
            startTime = now;
        }
        status = newStatus;
        return ++transition;
    }

    /** When the instance last became Running: ECS's StartTime. */
    Instant startTime() {
        return startTime;
    }

    long transition() {
        return transition;
    }

    boolean agentEnabled() {
        return agentEnabled;
    }

    void setAgentEnabled(boolean enabled, Instant now) {
        if (agentEnabled && !enabled) {
            lastHeartbeat = now;
        }
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

    /** Cloud Assistant answers only when its agent runs on a running instance. */
    boolean agentOnline() {
        return agentEnabled && "Running".equals(status);
    }

    Instant lastHeartbeat(Instant now) {
        return agentOnline() ? now : lastHeartbeat;
    }

    /** Builds the fake root on first use. */
    FakeRoot ensureRoot() {
        root.ensureBuilt(agentEnabled);
        return root;
    }
}
