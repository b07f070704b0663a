package io.osmigration.simulator.guest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated instance as the tools inside it see it: its disk (the fake root) and what only the
 * hypervisor knows (network, injected faults, how long real work takes, power).
 */
public interface Guest {

    Path root();

    String instanceId();

    /** Whether hosts outside Alibaba Cloud's internal network are reachable (EIP or NAT gateway). */
    boolean internet();

    /** Repository ids or URL fragments whose metadata downloads fail (fleet fault {@code brokenRepos}). */
    List<String> brokenRepos();

    /** Fleet fault {@code drillCritical}: the preflight tool reports one more blocking problem. */
    boolean drillCritical();

    /** How long a phase of a real tool takes here, already scaled by the simulator's time-scale. */
    Duration duration(ToolDuration what);

    /** Completes after {@code delay}; never completes if the instance reboots or shuts down first. */
    CompletableFuture<Void> after(Duration delay);

    /** The operating system reboots now: every running command (the caller's too) is killed. */
    void rebootNow(String why);

    /** {@code shutdown [-r] +N}: the operating system reboots or powers off after the delay, commands may finish meanwhile. */
    void scheduleShutdown(Duration delay, boolean reboot, String why);

    /** {@code shutdown -c}: true if a scheduled shutdown was cancelled. */
    boolean cancelShutdown();

    /** The operating system powers off now; the instance ends Stopped. */
    void powerOffNow(String why);

    Instant now();

    /** Puts a command implemented by the simulator on the guest's PATH (what installing its package does). */
    void installCommand(String command);

    /** Takes a command off the PATH again (its package was removed). */
    void removeCommand(String command);

    /** The phases whose real durations the fleet file gives. */
    enum ToolDuration { LEAPP_PREUPGRADE, LEAPP_UPGRADE, CONVERSION_ANALYZE, CONVERSION }
}
