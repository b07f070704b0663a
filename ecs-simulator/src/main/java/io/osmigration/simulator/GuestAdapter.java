package io.osmigration.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import io.osmigration.simulator.guest.Guest;

/** One instance as the Java-implemented commands inside it see it (see {@link Guest}). */
final class GuestAdapter implements Guest {

    private final SimState state;
    private final SimInstance inst;

    GuestAdapter(SimState state, SimInstance inst) {
        this.state = state;
        this.inst = inst;
    }

    @Override
    public Path root() {
        return inst.root.dir();
    }

    @Override
    public String instanceId() {
        return inst.id();
    }

    @Override
    public boolean internet() {
        return inst.spec.internet();
    }

    @Override
    public List<String> brokenRepos() {
        return inst.spec.faults().brokenRepos();
    }

    @Override
    public boolean drillCritical() {
        return inst.spec.faults().drillCritical();
    }

    @Override
    public Duration duration(ToolDuration what) {
        String iso = switch (what) {
            case LEAPP_PREUPGRADE -> inst.spec.leapp().preupgradeDuration();
            case LEAPP_UPGRADE -> inst.spec.leapp().upgradeDuration();
            case CONVERSION_ANALYZE -> inst.spec.conversion().analyzeDuration();
            case CONVERSION -> inst.spec.conversion().convertDuration();
        };
        return state.settings.scaled(Durations.parse(iso));
    }

    // Completed off the lifecycle thread: what follows (writing a Leapp report) must not hold it up.
    @Override
    public CompletableFuture<Void> after(Duration delay) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (state) {
            inst.guestTimers().add(f);
        }
        state.scheduler().schedule(() -> ForkJoinPool.commonPool().execute(() -> {
            synchronized (state) {
                inst.guestTimers().remove(f);
            }
            f.complete(null);
        }), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        return f;
    }

    @Override
    public void rebootNow(String why) {
        state.guestReboot(inst, why);
    }

    @Override
    public void scheduleShutdown(Duration delay, boolean reboot, String why) {
        synchronized (state) {
            if (inst.scheduledShutdown() != null) {
                inst.scheduledShutdown().cancel(false);
            }
            // shutdown's "+N" minutes are real minutes on a real host; scaled here like the tools' durations.
            inst.setScheduledShutdown(state.schedule(state.settings.scaled(delay), () -> {
                inst.setScheduledShutdown(null);
                if (reboot) {
                    state.guestReboot(inst, why);
                } else {
                    state.guestPowerOff(inst, why);
                }
            }));
        }
    }

    @Override
    public boolean cancelShutdown() {
        synchronized (state) {
            if (inst.scheduledShutdown() == null) {
                return false;
            }
            inst.scheduledShutdown().cancel(false);
            inst.setScheduledShutdown(null);
            return true;
        }
    }

    @Override
    public void powerOffNow(String why) {
        state.guestPowerOff(inst, why);
    }

    @Override
    public Instant now() {
        return state.now();
    }

    @Override
    public void installCommand(String command) {
        Stubs.installCommand(inst.root.dir(), inst.root.toolFifo(), command);
    }

    @Override
    public void removeCommand(String command) {
        Stubs.removeCommand(inst.root.dir(), command);
    }
}
