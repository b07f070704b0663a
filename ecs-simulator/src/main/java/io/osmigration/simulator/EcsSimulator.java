package io.osmigration.simulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ECS OpenAPI simulator engine, usable without Spring or HTTP: {@link #handle(ApiRequest)} answers
 * one signed OpenAPI call; the other public methods are the operator/test hooks that
 * {@code /_sim/**} exposes over HTTP.
 *
 * <p>Thread-safe. Close it to stop running scripts and background threads.
 */
public final class EcsSimulator implements AutoCloseable {

    static final String API_VERSION = "2014-05-26";
    private static final Logger LOG = LoggerFactory.getLogger(EcsSimulator.class);
    private static final long TIMESTAMP_TOLERANCE_SECONDS = 15 * 60;
    private static final Set<String> SETTABLE_STATUSES = Set.of("Pending", "Running", "Starting", "Stopping", "Stopped");

    private final SimulatorSettings settings;
    private final Clock clock;
    private final CallLog calls;
    private final RateLimiter rateLimiter;
    private final RateLimiter accountLimiter;
    private volatile double throttleRatio;
    private volatile SimState state;
    private volatile Map<String, Function<Params, Map<String, Object>>> actions;
    // Instance metadata, identity documents and STS tokens: see MetadataService, StsActions, TemporaryCredentials.
    private final IdentitySigner identitySigner = new IdentitySigner();
    private final TemporaryCredentials temporaryCredentials;
    private final StsActions sts;
    private final MetadataService metadata;
    private volatile Duration credentialLifetime = Duration.ofHours(6);

    private EcsSimulator(SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.calls = new CallLog(settings.callLogCapacity());
        this.rateLimiter = new RateLimiter(settings.rateLimitPerSecond(), System::nanoTime);
        this.accountLimiter = settings.accountRateLimitPerSecond() > 0 ? new RateLimiter(settings.accountRateLimitPerSecond(), System::nanoTime) : null;
        this.throttleRatio = settings.throttleRatio();
        this.temporaryCredentials = new TemporaryCredentials(clock);
        this.sts = new StsActions(temporaryCredentials, () -> credentialLifetime);
        this.metadata = new MetadataService(() -> state, clock, identitySigner, temporaryCredentials,
                () -> credentialLifetime);
        load();
    }

    /** Loads the fleet (file or built-in demo), wiping the instances' fake roots under the work dir. */
    public static EcsSimulator start(SimulatorSettings settings) {
        return new EcsSimulator(settings, Clock.systemUTC());
    }

    static EcsSimulator start(SimulatorSettings settings, Clock clock) {
        return new EcsSimulator(settings, clock);
    }

    private synchronized void load() {
        Fleet fleet = settings.fleetFile() == null ? FleetParser.demo() : FleetParser.parse(settings.fleetFile());
        SimState fresh = new SimState(settings, fleet, clock);
        InstanceActions instances = new InstanceActions(fresh);
        DiskActions disks = new DiskActions(fresh);
        CommandActions commands = new CommandActions(fresh);
        SnapshotGroupActions groups = new SnapshotGroupActions(fresh);
        Map<String, Function<Params, Map<String, Object>>> m = new HashMap<>();
        m.put("DescribeInstances", instances::describeInstances);
        m.put("DescribeRegions", instances::describeRegions);
        m.put("StopInstance", instances::stopInstance);
        m.put("StartInstance", instances::startInstance);
        m.put("RebootInstance", instances::rebootInstance);
        m.put("DescribeCloudAssistantStatus", instances::describeCloudAssistantStatus);
        m.put("DescribeDisks", disks::describeDisks);
        m.put("CreateSnapshot", disks::createSnapshot);
        m.put("DescribeSnapshots", disks::describeSnapshots);
        m.put("DeleteSnapshot", disks::deleteSnapshot);
        m.put("ResetDisk", disks::resetDisk);
        m.put("CreateSnapshotGroup", groups::createSnapshotGroup);
        m.put("DescribeSnapshotGroups", groups::describeSnapshotGroups);
        m.put("RunCommand", commands::runCommand);
        m.put("DescribeInvocations", commands::describeInvocations);
        m.put("DescribeInvocationResults", commands::describeInvocationResults);
        this.state = fresh;
        this.actions = Map.copyOf(m);
    }

    // ---- the OpenAPI ---------------------------------------------------------------------

    /** Answers one OpenAPI (RPC style, signature v1) call. Never throws for client mistakes. */
    public ApiResponse handle(ApiRequest request) {
        // The time ECS's flow control counts a call at: its arrival, not when the answer is ready.
        Instant received = clock.instant();
        String requestId = Ids.requestId();
        Map<String, String> params = request.params();
        String action = params.getOrDefault("Action", "");
        ApiResponse response;
        try {
            Map<String, Object> body = dispatch(request, action);
            Map<String, Object> withId = new LinkedHashMap<>();
            withId.put("RequestId", requestId);
            withId.putAll(body);
            response = new ApiResponse(200, withId);
        } catch (EcsException e) {
            response = error(e, requestId);
        } catch (RuntimeException e) {
            // A simulator bug or an I/O failure: answer like ECS's 5xx so the SDK raises ServerException.
            LOG.warn("Internal error handling {} (request {})", action, requestId, e);
            response = error(new EcsException(500, "InternalError",
                    "The request processing has failed due to some unknown error, exception or failure."), requestId);
        }
        calls.record(new ApiCall(received, requestId, action, CallLog.redact(params), response.status(),
                response.isError() ? String.valueOf(response.body().get("Code")) : null, instanceIdsOf(params)));
        return response;
    }

    private Map<String, Object> dispatch(ApiRequest request, String action) {
        Params p = new Params(request.params());
        authenticate(request, p);
        if (StsActions.handles(p)) {
            return sts.assumeRole(p);
        }
        if (action.isEmpty()) {
            throw EcsException.missing("Action");
        }
        Function<Params, Map<String, Object>> handler = actions.get(action);
        if (handler == null) {
            throw new EcsException(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        }
        String version = p.optional("Version");
        if (!API_VERSION.equals(version)) {
            throw new EcsException(400, "InvalidVersion", "Specified parameter Version is not valid: " + version);
        }
        double ratio = throttleRatio;
        if (ratio > 0 && ThreadLocalRandom.current().nextDouble() < ratio || !rateLimiter.tryAcquire(action)) {
            throw EcsException.throttling();
        }
        // One budget for all the account's calls: ECS answers "Throttling.User" (user flow control).
        if (accountLimiter != null && !accountLimiter.tryAcquire("account")) {
            throw new EcsException(400, "Throttling.User", "Request was denied due to user flow control.");
        }
        return handler.apply(p);
    }

    // Signature V1 against the fleet's key pair, plus ECS's timestamp window against replays.
    private void authenticate(ApiRequest request, Params p) {
        Fleet fleet = state.fleet;
        String keyId = p.required("AccessKeyId");
        String secret = fleet.accessKeyId().equals(keyId) ? fleet.accessKeySecret()
                : temporaryCredentials.secretFor(keyId, p.optional("SecurityToken"));
        String method = p.optional("SignatureMethod", "HMAC-SHA1");
        if (!"HMAC-SHA1".equals(method) || !"1.0".equals(p.optional("SignatureVersion", "1.0"))) {
            throw new EcsException(400, "InvalidSignatureMethod", "Only SignatureMethod HMAC-SHA1 with SignatureVersion 1.0 is supported.");
        }
        String signature = p.required("Signature");
        if (!SignatureV1.verify(request.method(), request.params(), secret, signature)) {
            // No "string to sign" in the message: it would contain the AccessKeyId, and the SDK would
            // turn the error into SDK.InvalidAccessKeySecret instead of SignatureDoesNotMatch.
            throw new EcsException(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        }
        String timestamp = p.required("Timestamp");
        Instant t;
        try {
            t = Times.parseSeconds(timestamp);
        } catch (DateTimeParseException e) {
            throw new EcsException(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        }
        if (Math.abs(t.getEpochSecond() - clock.instant().getEpochSecond()) > TIMESTAMP_TOLERANCE_SECONDS) {
            throw new EcsException(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
    }

    private static ApiResponse error(EcsException e, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", requestId);
        body.put("HostId", "ecs.aliyuncs.com");
        body.put("Code", e.code());
        body.put("Message", e.getMessage());
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + e.code());
        return new ApiResponse(e.status(), body);
    }

    // Which instances a call concerns, so /_sim/calls?instanceId= finds CreateSnapshot by DiskId too.
    private List<String> instanceIdsOf(Map<String, String> params) {
        Set<String> ids = new LinkedHashSet<>();
        params.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                return;
            }
            if ("InstanceId".equals(k) || k.matches("InstanceId\\.\\d+")) {
                ids.add(v);
            } else if ("InstanceIds".equals(k)) {
                List<String> list = Json.stringArray(v);
                if (list != null) {
                    ids.addAll(list);
                }
            } else if ("DiskId".equals(k) || k.matches("DiskId\\.\\d+")) {
                SimInstance owner = state.diskOwnerOrNull(v);
                if (owner != null) {
                    ids.add(owner.id());
                }
            }
        });
        return List.copyOf(ids);
    }

    // ---- operator / test hooks ---------------------------------------------------------

    /** Every call received since start or reset (oldest first), optionally filtered (null = any). */
    public List<ApiCall> calls(String action, String instanceId) {
        return calls.find(action, instanceId);
    }

    public List<ApiCall> calls() {
        return calls.find(null, null);
    }

    /**
     * Calls per second of wall-clock time, oldest second first (epoch second to count), for
     * {@code action} or every action (null); successful and refused calls alike.
     */
    public java.util.SortedMap<Long, Integer> callsPerSecond(String action) {
        return calls.perSecond(action);
    }

    /** The most calls received within one second (of {@code action}, or of all actions when null). */
    public int maxCallsPerSecond(String action) {
        return calls.perSecond(action).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    public void clearCalls() {
        calls.clear();
    }

    /** The Cloud Assistant agent on the instance stops ({@code false}) or starts ({@code true}). */
    public InstanceView setCloudAssistant(String instanceId, boolean online) {
        SimState s = state;
        synchronized (s) {
            SimInstance inst = s.instance(instanceId, null);
            s.setAgent(inst, online);
            return view(inst);
        }
    }

    /** Someone changes the instance's status behind our back (e.g. stops it in the console). */
    public InstanceView setInstanceStatus(String instanceId, String status) {
        if (!SETTABLE_STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + SETTABLE_STATUSES + ", was " + status);
        }
        SimState s = state;
        SimInstance inst = s.instance(instanceId, null);
        s.forceStatus(inst, status);
        return view(inst);
    }

    /**
     * Commands sent to the instance from now on start and then hang until their Timeout ({@code true}), or run
     * normally again ({@code false}): a stuck script, or a Cloud Assistant that accepts work and never finishes it.
     */
    public InstanceView setCommandsHang(String instanceId, boolean hang) {
        SimState s = state;
        synchronized (s) {
            SimInstance inst = s.instance(instanceId, null);
            inst.setCommandsHang(hang);
            return view(inst);
        }
    }

    /** Someone releases (deletes) the instance: from now on ECS answers InvalidInstanceId.NotFound for it. */
    public void releaseInstance(String instanceId) {
        SimState s = state;
        s.release(s.instance(instanceId, null));
    }

    /** Fraction (0.0–1.0) of calls answered with Throttling at random. */
    public void setThrottleRatio(double ratio) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("ratio must be within 0.0..1.0, was " + ratio);
        }
        this.throttleRatio = ratio;
    }

    public double throttleRatio() {
        return throttleRatio;
    }

    /**
     * Reloads the fleet file and forgets calls, snapshots and invocations: running scripts are
     * killed and every fake root is rebuilt on next use. The throttle ratio returns to its setting.
     */
    public synchronized void reset() {
        SimState old = state;
        old.close();
        calls.clear();
        rateLimiter.clear();
        if (accountLimiter != null) {
            accountLimiter.clear();
        }
        throttleRatio = settings.throttleRatio();
        load();
    }

    public List<InstanceView> instances() {
        List<InstanceView> views = new ArrayList<>();
        for (SimInstance inst : state.instances()) {
            views.add(view(inst));
        }
        return views;
    }

    public Optional<InstanceView> instance(String instanceId) {
        try {
            return Optional.of(view(state.instance(instanceId, null)));
        } catch (EcsException e) {
            return Optional.empty();
        }
    }

    /** The instance's fake root, built now if needed; tests may read or plant files there. */
    public Path root(String instanceId) {
        return state.instance(instanceId, null).ensureRoot().dir();
    }

    public String accessKeyId() {
        return state.fleet.accessKeyId();
    }

    /** The fleet's secret, for in-process clients (never logged or served over HTTP). */
    public String accessKeySecret() {
        return state.fleet.accessKeySecret();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** PEM of the certificate whose key signs the instances' identity documents (a test CA made at start). */
    public String identityCertificatePem() {
        return identitySigner.certificatePem();
    }

    /** How long STS tokens (RAM role credentials, AssumeRole) last; shorter in tests that watch them expire. */
    public void setCredentialLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("credential lifetime must be positive");
        }
        this.credentialLifetime = lifetime;
    }

    MetadataService metadata() {
        return metadata;
    }

    private InstanceView view(SimInstance inst) {
        Map<String, String> osr = inst.root.osRelease();
        SimState s = state;
        boolean reported;
        synchronized (s) {
            reported = inst.reportedOnline(clock.instant(), settings.agentHeartbeat());
        }
        return new InstanceView(inst.id(), inst.spec.instanceName(), inst.spec.regionId(), inst.status(), inst.startTime(),
                inst.agentRunning(), inst.agentEnabled(), osr.getOrDefault("ID", ""), osr.getOrDefault("VERSION_ID", ""),
                osr.getOrDefault("PRETTY_NAME", ""), inst.root.kernel(), inst.spec.arch(), inst.root.dir().toString(),
                inst.os().name(), inst.bootedAt(), reported);
    }

    @Override
    public void close() {
        state.close();
    }
}
