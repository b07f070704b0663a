package io.osmigration.platform.cloud.assistant;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeCloudAssistantStatusResponse;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInvocationResultsResponse;
import com.aliyuncs.ecs.model.v20140526.RunCommandRequest;

import io.micrometer.core.instrument.MeterRegistry;

import io.osmigration.platform.cloud.CloudApiException;
import io.osmigration.platform.cloud.EcsGateway;
import io.osmigration.schemas.DeterministicIds;

/**
 * The one Cloud Assistant client: runs scripts on instances (RunCommand with a ClientToken), follows them
 * (DescribeInvocationResults), and reads their results whole, whatever their size.
 *
 * <p>Cloud Assistant returns only part of a command's output (at most its LogQuota, 12,000 bytes at least), so every
 * script runs inside an envelope ({@code envelope.sh}) that keeps the console and the result in files on the
 * instance and prints no more than {@code osm.cloud-assistant.output-budget}: the console's tail, a header with the
 * result's size and SHA-256, and the result itself when it fits. A larger result is read back in chunks by further
 * invocations ({@code chunk.sh}), one per chunk for all instances that need it, and its checksum is verified.
 *
 * <p>The client is made of steps a caller can drive itself ({@link #start}, {@link #poll}, {@link #outcomes}): a
 * job stores the {@link Invocation} and polls it when it likes, many invocations at once. {@link #run} strings them
 * together and waits, backing off from {@code poll-initial} to {@code poll-max}.
 */
public class CloudAssistantClient {

    private static final Logger log = LoggerFactory.getLogger(CloudAssistantClient.class);
    private static final int STATUS_BATCH = 50;
    private static final int RESULTS_PAGE = 50;

    private final EcsGateway ecs;
    private final CloudAssistantProperties properties;
    private final Clock clock;
    private final OutputMetrics metrics;

    public CloudAssistantClient(EcsGateway ecs, CloudAssistantProperties properties, Clock clock) {
        this(ecs, properties, clock, null);
    }

    /** Recording output and result sizes in {@code meters} (null: nowhere). */
    public CloudAssistantClient(EcsGateway ecs, CloudAssistantProperties properties, Clock clock, MeterRegistry meters) {
        this.ecs = ecs;
        this.properties = properties;
        this.clock = clock;
        this.metrics = new OutputMetrics(meters);
    }

    public CloudAssistantProperties properties() {
        return properties;
    }

    /** Whether the agent on each instance is online. Instances ECS does not report are absent from the map. */
    public Map<String, AgentState> agentStates(String regionId, List<String> instanceIds) {
        Map<String, AgentState> states = new HashMap<>();
        for (int from = 0; from < instanceIds.size(); from += STATUS_BATCH) {
            List<String> batch = instanceIds.subList(from, Math.min(instanceIds.size(), from + STATUS_BATCH));
            DescribeCloudAssistantStatusRequest request = new DescribeCloudAssistantStatusRequest();
            request.setSysRegionId(regionId);
            request.setInstanceIds(List.copyOf(batch));
            request.setPageSize((long) batch.size());
            DescribeCloudAssistantStatusResponse response = ecs.call(request);
            if (response.getInstanceCloudAssistantStatusSet() != null) {
                for (var status : response.getInstanceCloudAssistantStatusSet()) {
                    states.put(status.getInstanceId(), new AgentState("true".equalsIgnoreCase(
                            status.getCloudAssistantStatus()), status.getLastHeartbeatTime()));
                }
            }
        }
        return states;
    }

    /**
     * Starts the command. Repeating it with the same ClientToken returns the same invocation (ECS's idempotency),
     * so a caller that crashed after this call simply calls it again.
     *
     * @throws CloudApiException when ECS refuses the command as a whole (unknown instance, instance not running,
     *                           content too large, ...)
     */
    public Invocation start(CommandSpec spec) {
        String token = spec.clientToken() != null ? spec.clientToken() : "osm-" + UUID.randomUUID();
        String key = resultKey(token);
        String wrapped = ResultEnvelope.wrap(spec.script(), key, spec.capture(), properties);
        RunCommandRequest request = new RunCommandRequest();
        request.setSysRegionId(spec.regionId());
        request.setInstanceIds(spec.instanceIds());
        request.setType("RunShellScript");
        request.setName(spec.name());
        request.setContentEncoding("Base64");
        request.setCommandContent(Base64.getEncoder().encodeToString(wrapped.getBytes(StandardCharsets.UTF_8)));
        request.setTimeout(spec.timeout().toSeconds());
        request.setClientToken(token);
        request.setKeepCommand(false);
        String invokeId = ecs.call(request).getInvokeId();
        log.debug("Started {} on {} instance(s) in {}: invocation {}", spec.name(), spec.instanceIds().size(),
                spec.regionId(), invokeId);
        return new Invocation(invokeId, spec.regionId(), spec.instanceIds(), spec.name(), key, spec.capture(),
                clock.instant());
    }

    /**
     * The current state of each given invocation on each of its instances, by invocation id, in as few calls as
     * {@link #results} can. Instances ECS has no record for yet are absent.
     */
    public Map<String, Map<String, InvocationResult>> poll(Collection<Invocation> invocations) {
        Map<String, Map<String, InvocationResult>> results = new LinkedHashMap<>();
        Map<String, List<InvocationKey>> byRegion = new LinkedHashMap<>();
        for (Invocation invocation : invocations) {
            results.put(invocation.invokeId(), new LinkedHashMap<>());
            invocation.instanceIds().forEach(id -> byRegion.computeIfAbsent(invocation.regionId(), r -> new ArrayList<>())
                    .add(new InvocationKey(invocation.invokeId(), id)));
        }
        byRegion.forEach((region, keys) -> results(region, keys).forEach((key, result) ->
                results.get(key.invokeId()).put(key.instanceId(), result)));
        return results;
    }

    /** One instance's record of one invocation. */
    public record InvocationKey(String invokeId, String instanceId) {
    }

    /**
     * Where many invocation records of one region stand, in few calls. DescribeInvocationResults takes no lists (one
     * InvokeId, one InstanceId), so one call cannot name them all. Two ways to read them: each invocation by its
     * InvokeId (one call each, whatever its instances), or — without an InvokeId — the account's records as ECS lists
     * them, newest first, 50 a page: records asked for a moment after their command started (the usual case: a step
     * looked at soon after it started, or right after it ended) are on the first page, running or ended, with their
     * output. The client lists pages while they pay ({@link #listNewest}), then reads what is left by InvokeId (an
     * invocation started long ago, or an account whose listing is in another order). It remembers how many useful
     * records a listed page found, and lists only while that pays (looking again now and then, since the account's
     * activity changes).
     *
     * @return the records ECS knows, by key; a key ECS has no record for yet is absent
     */
    public Map<InvocationKey, InvocationResult> results(String regionId, Collection<InvocationKey> keys) {
        return results(regionId, keys, List.of());
    }

    /**
     * As {@link #results(String, Collection)}, and when records are listed anyway, also the records of
     * {@code ifListed} found there that have ended (running ones are left out): a caller's other invocations,
     * looked at for free. Those not found are not read.
     */
    public Map<InvocationKey, InvocationResult> results(String regionId, Collection<InvocationKey> keys,
                                                         Collection<InvocationKey> ifListed) {
        Map<InvocationKey, InvocationResult> found = new LinkedHashMap<>();
        java.util.Set<InvocationKey> asked = new java.util.LinkedHashSet<>(keys);
        if (worthListing(asked.size())) {
            listNewest(regionId, asked, new java.util.HashSet<>(ifListed), found);
        }
        java.util.Set<String> toRead = new java.util.LinkedHashSet<>();
        asked.stream().filter(key -> !found.containsKey(key)).forEach(key -> toRead.add(key.invokeId()));
        for (String invokeId : toRead) {
            describe(regionId, invokeId, null).forEach((instanceId, result) -> {
                InvocationKey key = new InvocationKey(invokeId, instanceId);
                if (asked.contains(key)) {
                    found.put(key, result);
                }
            });
        }
        return found;
    }

    /** Asked-for records found per listed page, smoothed; starts high (list as soon as it can pay). */
    private volatile double listedYield = RESULTS_PAGE;
    private final java.util.concurrent.atomic.AtomicLong unlisted = new java.util.concurrent.atomic.AtomicLong();

    private boolean worthListing(int asked) {
        if (asked < 2) {
            return false; // one record: its own read costs the same call
        }
        // A page pays when it finds more than one record asked for; when pages stopped paying, look again now and then.
        return listedYield > 1.0 || unlisted.incrementAndGet() % RELIST_EVERY == 0;
    }

    /** How often the listing is tried again once it stopped paying (in calls of {@link #results} that could list). */
    private static final int RELIST_EVERY = 20;

    /**
     * Lists the region's records newest first, taking those of {@code asked} (and the ended ones of
     * {@code ifListed}) into {@code found}, while the pages pay: it stops when fewer records remain than a page
     * saves, when the pages listed have found fewer useful records than their number plus {@link #LISTING_SLACK}
     * (the newest records may be those of steps that just started, with the asked ones a few pages further down), at
     * a quarter as many pages as records asked for, or at the end of the list.
     */
    private void listNewest(String regionId, java.util.Set<InvocationKey> asked, java.util.Set<InvocationKey> ifListed,
                            Map<InvocationKey, InvocationResult> found) {
        int remaining = asked.size();
        int maxPages = Math.max(1, asked.size() / 4);
        int useful = 0;
        long listed = 0;
        while (remaining > 1 && listed < maxPages) {
            DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
            request.setSysRegionId(regionId);
            request.setPageSize((long) RESULTS_PAGE);
            request.setPageNumber(++listed);
            DescribeInvocationResultsResponse.Invocation invocation = ecs.call(request).getInvocation();
            var rows = rows(invocation);
            for (var row : rows) {
                InvocationKey key = new InvocationKey(row.getInvokeId(), row.getInstanceId());
                if (found.containsKey(key)) {
                    continue;
                }
                if (asked.contains(key)) {
                    found.put(key, result(row.getInvokeId(), row));
                    remaining--;
                    useful++;
                } else if (ifListed.contains(key)) {
                    InvocationResult result = result(row.getInvokeId(), row);
                    if (result.finished()) {
                        found.put(key, result); // a waiting job woken: its own look would have read it
                        useful++;
                    }
                }
            }
            long total = invocation == null || invocation.getTotalCount() == null ? rows.size()
                    : invocation.getTotalCount();
            if (rows.size() < RESULTS_PAGE || listed * RESULTS_PAGE >= total || useful + LISTING_SLACK < listed) {
                break;
            }
        }
        listedYield = 0.7 * listedYield + 0.3 * useful / (double) Math.max(1, listed);
    }

    /** Pages the listing may go on without paying before it stops (see {@link #listNewest}). */
    private static final int LISTING_SLACK = 2;

    /**
     * Interprets finished results and reads their results whole: inline ones directly, larger ones by chunk
     * invocations (one per chunk index for all instances that need it), each checksum-verified. Unfinished results
     * are left out. Blocks while chunks are read (at most {@code chunk-timeout} per chunk).
     */
    public Map<String, CommandOutcome> outcomes(Invocation invocation, Collection<InvocationResult> results) {
        Map<String, CommandOutcome> outcomes = new LinkedHashMap<>();
        Map<String, ResultEnvelope.Printed> toFetch = new LinkedHashMap<>();
        for (InvocationResult result : results) {
            if (!result.finished()) {
                continue;
            }
            Interpreted interpreted = interpret(invocation, result);
            if (interpreted.printed() != null && interpreted.printed().inlineEncoded() == null
                    && invocation.capture() != Capture.NONE) {
                toFetch.put(result.instanceId(), interpreted.printed());
            }
            outcomes.put(result.instanceId(), interpreted.outcome());
        }
        if (!toFetch.isEmpty()) {
            fetchChunks(invocation, toFetch, outcomes);
        }
        return outcomes;
    }

    /**
     * Runs the command and waits up to {@code wait} for every instance, then reads every result. Instances still
     * running at the deadline get {@link CommandOutcome.Kind#STILL_RUNNING} (the command goes on there).
     */
    public Map<String, CommandOutcome> run(CommandSpec spec, Duration wait) {
        Invocation invocation = start(spec);
        return await(invocation, wait);
    }

    /**
     * Waits for an invocation started earlier (by {@link #start}, maybe before a restart) and reads its results. A
     * zero wait looks once, right away.
     */
    public Map<String, CommandOutcome> await(Invocation invocation, Duration wait) {
        Instant deadline = clock.instant().plus(wait);
        Map<String, InvocationResult> finished = new LinkedHashMap<>();
        // No time to wait: one look at where the invocation stands now.
        Duration pause = wait.isNegative() || wait.isZero() ? Duration.ZERO : properties.pollInitial();
        while (true) {
            if (!pause.isZero()) {
                sleep(pause);
            }
            Map<String, InvocationResult> current = describe(invocation.regionId(), invocation.invokeId(), null);
            current.values().stream().filter(InvocationResult::finished)
                    .forEach(result -> finished.put(result.instanceId(), result));
            if (finished.size() >= invocation.instanceIds().size() || !clock.instant().isBefore(deadline)
                    || Thread.currentThread().isInterrupted()) {
                break;
            }
            pause = next(pause, Duration.between(clock.instant(), deadline));
        }
        Map<String, CommandOutcome> outcomes = new LinkedHashMap<>(outcomes(invocation, finished.values()));
        for (String instanceId : invocation.instanceIds()) {
            outcomes.computeIfAbsent(instanceId, id -> new CommandOutcome(invocation.invokeId(), id,
                    CommandOutcome.Kind.STILL_RUNNING, null, "", null, invocation.name() + " did not finish within "
                    + wait + " (invocation " + invocation.invokeId() + ")"));
        }
        return outcomes;
    }

    /** The name of a command's result files on the instance, derived from its ClientToken. */
    public static String resultKey(String clientToken) {
        return DeterministicIds.sha256Hex("result:" + clientToken).substring(0, 32);
    }

    private record Interpreted(CommandOutcome outcome, ResultEnvelope.Printed printed) {
    }

    private Interpreted interpret(Invocation invocation, InvocationResult result) {
        String id = result.instanceId();
        metrics.output(invocation.name(), result.output().length, result.dropped());
        if (!result.ranToEnd()) {
            return new Interpreted(notRun(invocation, result), null);
        }
        int exitCode = result.exitCode();
        CommandOutcome.Kind kind = kindOf(exitCode);
        ResultEnvelope.Printed printed;
        try {
            printed = ResultEnvelope.read(result.output());
        } catch (IllegalArgumentException e) {
            String problem = invocation.name() + " on " + id + ": " + e.getMessage()
                    + (result.dropped() > 0 ? " (Cloud Assistant dropped " + result.dropped() + " bytes of output)" : "");
            String text = new String(result.output(), StandardCharsets.UTF_8);
            return new Interpreted(new CommandOutcome(invocation.invokeId(), id, CommandOutcome.Kind.ERROR, exitCode,
                    tail(text), null, problem), null);
        }
        byte[] resultBytes = null;
        String problem = kind == CommandOutcome.Kind.FAILED
                ? invocation.name() + " exited with code " + exitCode + " on " + id : null;
        if (invocation.capture() == Capture.NONE) {
            resultBytes = new byte[0];
        } else if (printed.inlineEncoded() != null) {
            try {
                resultBytes = ResultEnvelope.verify(printed.header(), printed.inlineEncoded(),
                        properties.maxResultBytes());
                metrics.result(invocation.name(), resultBytes.length);
            } catch (IllegalArgumentException e) {
                problem = invocation.name() + " on " + id + ": " + e.getMessage();
                kind = CommandOutcome.Kind.ERROR;
            }
        }
        return new Interpreted(new CommandOutcome(invocation.invokeId(), id, kind, exitCode, printed.consoleTail(),
                resultBytes, problem), printed);
    }

    private static CommandOutcome.Kind kindOf(int exitCode) {
        return switch (exitCode) {
            case 0 -> CommandOutcome.Kind.SUCCEEDED;
            case 194 -> CommandOutcome.Kind.RESTART_REQUESTED;
            case 193 -> CommandOutcome.Kind.POWEROFF_REQUESTED;
            default -> CommandOutcome.Kind.FAILED;
        };
    }

    private CommandOutcome notRun(Invocation invocation, InvocationResult result) {
        CommandOutcome.Kind kind = switch (result.status()) {
            case "Timeout" -> CommandOutcome.Kind.TIMED_OUT;
            case "Aborted", "Invalid" -> CommandOutcome.Kind.NOT_DELIVERED;
            case "Cancelled", "Terminated", "Stopped" -> CommandOutcome.Kind.CANCELLED;
            default -> CommandOutcome.Kind.ERROR;
        };
        String why = switch (kind) {
            case TIMED_OUT -> " ran longer than its timeout and was stopped";
            case NOT_DELIVERED -> " never reached the instance";
            case CANCELLED -> " was stopped before it ended";
            default -> " could not run";
        };
        String detail = result.errorCode().isBlank() ? "" : " (" + result.errorCode()
                + (result.errorInfo().isBlank() ? "" : ": " + result.errorInfo()) + ")";
        return new CommandOutcome(invocation.invokeId(), result.instanceId(), kind, null,
                tail(new String(result.output(), StandardCharsets.UTF_8)), null,
                invocation.name() + " on " + result.instanceId() + why + ": " + result.status() + detail);
    }

    /** Reads the chunks of every result that did not fit inline; each chunk index is one invocation for all. */
    private void fetchChunks(Invocation invocation, Map<String, ResultEnvelope.Printed> toFetch,
                             Map<String, CommandOutcome> outcomes) {
        Map<String, java.io.ByteArrayOutputStream> buffers = new LinkedHashMap<>();
        Map<String, String> failures = new HashMap<>();
        toFetch.keySet().forEach(id -> buffers.put(id, new java.io.ByteArrayOutputStream()));
        int chunkBytes = toFetch.values().iterator().next().header().chunkBytes();
        int maxChunks = toFetch.values().stream().mapToInt(p -> p.header().chunks()).max().orElse(0);
        for (int index = 0; index < maxChunks; index++) {
            final int chunk = index;
            List<String> needing = toFetch.entrySet().stream()
                    .filter(e -> e.getValue().header().chunks() > chunk && !failures.containsKey(e.getKey()))
                    .map(Map.Entry::getKey).sorted().toList();
            if (needing.isEmpty()) {
                continue;
            }
            readChunk(invocation, chunk, chunkBytes, needing, buffers, failures);
        }
        for (Map.Entry<String, ResultEnvelope.Printed> entry : toFetch.entrySet()) {
            String id = entry.getKey();
            CommandOutcome outcome = outcomes.get(id);
            String problem = failures.get(id);
            byte[] resultBytes = null;
            if (problem == null) {
                try {
                    resultBytes = ResultEnvelope.verify(entry.getValue().header(), buffers.get(id).toByteArray(),
                            properties.maxResultBytes());
                    metrics.result(invocation.name(), resultBytes.length);
                } catch (IllegalArgumentException e) {
                    problem = e.getMessage();
                }
            }
            outcomes.put(id, problem == null
                    ? new CommandOutcome(outcome.invokeId(), id, outcome.kind(), outcome.exitCode(),
                    outcome.consoleTail(), resultBytes, outcome.problem())
                    : new CommandOutcome(outcome.invokeId(), id, CommandOutcome.Kind.ERROR, outcome.exitCode(),
                    outcome.consoleTail(), null, invocation.name() + " on " + id + ": reading its result failed: "
                    + problem));
        }
    }

    private void readChunk(Invocation invocation, int index, int chunkBytes, List<String> instanceIds,
                           Map<String, java.io.ByteArrayOutputStream> buffers, Map<String, String> failures) {
        String token = "osm-chunk-" + DeterministicIds.sha256Hex(invocation.invokeId() + ":" + index + ":"
                + String.join(",", instanceIds)).substring(0, 40);
        RunCommandRequest request = new RunCommandRequest();
        request.setSysRegionId(invocation.regionId());
        request.setInstanceIds(instanceIds);
        request.setType("RunShellScript");
        request.setName("osm-read-result");
        request.setContentEncoding("Base64");
        request.setCommandContent(Base64.getEncoder().encodeToString(
                ResultEnvelope.chunkScript(invocation.resultKey(), index, chunkBytes).getBytes(StandardCharsets.UTF_8)));
        request.setTimeout(Math.max(10, properties.chunkTimeout().toSeconds()));
        request.setClientToken(token);
        request.setKeepCommand(false);
        String invokeId;
        try {
            invokeId = ecs.call(request).getInvokeId();
        } catch (CloudApiException e) {
            instanceIds.forEach(id -> failures.put(id, "chunk " + index + " could not be requested: " + e.getMessage()));
            return;
        }
        Instant deadline = clock.instant().plus(properties.chunkTimeout());
        Map<String, InvocationResult> done = new HashMap<>();
        Duration pause = properties.pollInitial();
        while (done.size() < instanceIds.size() && clock.instant().isBefore(deadline)) {
            sleep(pause);
            describe(invocation.regionId(), invokeId, null).values().stream().filter(InvocationResult::finished)
                    .forEach(result -> done.put(result.instanceId(), result));
            pause = next(pause, Duration.between(clock.instant(), deadline));
        }
        for (String id : instanceIds) {
            InvocationResult result = done.get(id);
            if (result == null) {
                failures.put(id, "chunk " + index + " was not read within " + properties.chunkTimeout());
            } else if (!result.ranToEnd() || result.exitCode() != 0) {
                failures.put(id, "chunk " + index + " could not be read (" + result.status()
                        + (result.exitCode() == null ? "" : ", exit code " + result.exitCode()) + "): "
                        + tail(new String(result.output(), StandardCharsets.UTF_8)).strip());
            } else {
                try {
                    buffers.get(id).writeBytes(ResultEnvelope.chunk(result.output(), index));
                } catch (IllegalArgumentException e) {
                    failures.put(id, e.getMessage());
                }
            }
        }
    }

    /** Every page of DescribeInvocationResults for one invocation, by instance. */
    private Map<String, InvocationResult> describe(String regionId, String invokeId, String instanceId) {
        Map<String, InvocationResult> results = new LinkedHashMap<>();
        for (long page = 1; ; page++) {
            DescribeInvocationResultsRequest request = new DescribeInvocationResultsRequest();
            request.setSysRegionId(regionId);
            request.setInvokeId(invokeId);
            if (instanceId != null) {
                request.setInstanceId(instanceId);
            }
            request.setPageSize((long) RESULTS_PAGE);
            request.setPageNumber(page);
            DescribeInvocationResultsResponse.Invocation invocation = ecs.call(request).getInvocation();
            var rows = rows(invocation);
            for (var row : rows) {
                results.put(row.getInstanceId(), result(invokeId, row));
            }
            long total = invocation == null || invocation.getTotalCount() == null ? results.size()
                    : invocation.getTotalCount();
            if (rows.isEmpty() || page * RESULTS_PAGE >= total) {
                return results;
            }
        }
    }

    private static List<DescribeInvocationResultsResponse.Invocation.InvocationResult> rows(
            DescribeInvocationResultsResponse.Invocation invocation) {
        return invocation == null || invocation.getInvocationResults() == null ? List.of()
                : invocation.getInvocationResults();
    }

    private static InvocationResult result(String invokeId,
                                           DescribeInvocationResultsResponse.Invocation.InvocationResult row) {
        return new InvocationResult(invokeId, row.getInstanceId(), row.getInvocationStatus(),
                row.getExitCode() == null ? null : row.getExitCode().intValue(), decode(row.getOutput()),
                row.getDropped() == null ? 0 : row.getDropped(), row.getErrorCode(), row.getErrorInfo(),
                instant(row.getFinishedTime()));
    }

    /** ECS's times are ISO-8601 in UTC ({@code 2019-12-20T06:15:56Z}); null when absent or unreadable. */
    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private Duration next(Duration pause, Duration remaining) {
        long grown = (long) (pause.toMillis() * properties.pollMultiplier());
        long capped = Math.min(grown, properties.pollMax().toMillis());
        return Duration.ofMillis(Math.max(1, Math.min(capped, Math.max(1, remaining.toMillis()))));
    }

    private static void sleep(Duration pause) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause.toMillis()));
    }

    /** Cloud Assistant returns output Base64-encoded unless asked otherwise. */
    private static byte[] decode(String output) {
        if (output == null || output.isEmpty()) {
            return new byte[0];
        }
        try {
            return Base64.getMimeDecoder().decode(output);
        } catch (IllegalArgumentException plainText) {
            return output.getBytes(StandardCharsets.UTF_8);
        }
    }

    private String tail(String text) {
        int max = properties.consoleTail();
        return text.length() <= max ? text : text.substring(text.length() - max);
    }
}
