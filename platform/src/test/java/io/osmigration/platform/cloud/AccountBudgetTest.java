package io.osmigration.platform.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import io.osmigration.infra.EmbeddedInfrastructure;
import io.osmigration.platform.cloud.budget.BudgetStats;
import io.osmigration.platform.cloud.budget.CallBudget;
import io.osmigration.platform.cloud.budget.CallPriority;
import io.osmigration.simulator.ApiCall;
import io.osmigration.simulator.EcsSimulatorServer;

/**
 * One ECS call budget shared by two replicas through MongoDB, against the ECS simulator through the real SDK: what
 * the simulator's call log shows about the rate, Throttling back-offs and the order of admission.
 */
class AccountBudgetTest {

    private static final String KEY_ID = "LTAIosmDemoKey0001";
    private static final String SECRET = "osm-demo-secret-not-for-production";
    private static final Duration MARGIN = Duration.ofMillis(100);
    private static final AtomicInteger TAGS = new AtomicInteger(1);

    private static EcsSimulatorServer simulator;
    private static MongoClient mongo;
    private static MongoDatabase database;

    private final List<CallBudget> budgets = new ArrayList<>();
    /** As many calling threads as the busiest test keeps waiting, not one per call: a service has bounded workers. */
    private final ExecutorService callers = Executors.newFixedThreadPool(48);

    @BeforeAll
    static void start() {
        simulator = EcsSimulatorServer.start(0, null, null);
        mongo = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri());
        database = mongo.getDatabase("osm_budget_test");
        // The first calls of a JVM (SDK and simulator classes loading) take a second to leave and would arrive
        // bunched: warm up, so the tests see the budget's pacing rather than class loading.
        EcsGateway warmUp = new EcsGateway(properties(50, Duration.ofMillis(10)));
        for (int i = 0; i < 3; i++) {
            warmUp.call(tagged(99));
        }
    }

    @AfterAll
    static void stop() {
        simulator.close();
        mongo.close();
    }

    @AfterEach
    void closeBudgets() {
        simulator.engine().setThrottleRatio(0.0);
        budgets.forEach(CallBudget::close);
        callers.shutdownNow();
    }

    @Test
    void twoReplicasWithinTwentyCallsASecondNeverExceedItInAnySecondAndEveryCallCompletes() {
        String account = "account-" + UUID.randomUUID();
        EcsGateway first = gateway(account, 20, Duration.ofMillis(200));
        EcsGateway second = gateway(account, 20, Duration.ofMillis(200));
        int firstTag = TAGS.getAndIncrement();
        int secondTag = TAGS.getAndIncrement();

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(describe(first, firstTag, null));
            calls.add(describe(second, secondTag, null));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        List<ApiCall> log = callsTagged(firstTag, secondTag);
        assertThat(log).hasSize(60).allSatisfy(call -> assertThat(call.httpStatus()).isEqualTo(200));
        assertThat(callsTagged(firstTag)).hasSize(30);
        assertThat(callsTagged(secondTag)).hasSize(30);
        assertThat(busiestSecond(log)).as("calls the simulator saw in its busiest second").isLessThanOrEqualTo(20);
        assertThat(database.getCollection("ecs_call_budget").find(new Document("_id", account)).first())
                .as("the shared timeline in MongoDB").isNotNull().containsKey("next");
    }

    @Test
    void aBudgetAsLargeAsTheSimulatorsLimitHoldsForTwoReplicasAndIsNeverThrottled() {
        int limit = simulator.engine().settings().rateLimitPerSecond();
        String account = "account-" + UUID.randomUUID();
        EcsGateway first = gateway(account, limit, Duration.ofMillis(200));
        EcsGateway second = gateway(account, limit, Duration.ofMillis(200));
        int firstTag = TAGS.getAndIncrement();
        int secondTag = TAGS.getAndIncrement();

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < limit; i++) {
            calls.add(describe(first, firstTag, null));
            calls.add(describe(second, secondTag, null));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        List<ApiCall> log = callsTagged(firstTag, secondTag);
        assertThat(log).hasSize(2 * limit).allSatisfy(call -> assertThat(call.errorCode()).isNull());
        assertThat(busiestSecond(log)).as("calls the simulator saw in its busiest second").isLessThanOrEqualTo(limit);
    }

    @Test
    void aThrottlingAnswerToOneReplicaHoldsBackTheOther() {
        String account = "account-" + UUID.randomUUID();
        EcsGateway throttled = gateway(account, 50, Duration.ofSeconds(3));
        EcsGateway other = gateway(account, 50, Duration.ofSeconds(3));
        int throttledTag = TAGS.getAndIncrement();
        int otherTag = TAGS.getAndIncrement();
        simulator.engine().setThrottleRatio(1.0);

        CompletableFuture<?> first = describe(throttled, throttledTag, null);
        await().until(() -> throttled.budgetStats().backoffsReported() == 1);
        simulator.engine().setThrottleRatio(0.0);
        describe(other, otherTag, null).join();
        first.join();

        assertThat(callsTagged(throttledTag)).extracting(ApiCall::errorCode).containsExactly("Throttling", null);
        assertThat(callsTagged(otherTag)).extracting(ApiCall::errorCode).containsExactly((String) null);
        assertThat(other.budgetStats().backoffsReported()).as("Throttling answers the other replica got").isZero();
        assertThat(other.budgetStats().slowedByOthers()).as("its bookings held back by the first one's back-off")
                .isEqualTo(1);
    }

    @Test
    void underRandomThrottlingEveryCallOfBothReplicasCompletes() {
        String account = "account-" + UUID.randomUUID();
        EcsGateway first = gateway(account, 50, Duration.ofMillis(20));
        EcsGateway second = gateway(account, 50, Duration.ofMillis(20));
        int firstTag = TAGS.getAndIncrement();
        int secondTag = TAGS.getAndIncrement();
        simulator.engine().setThrottleRatio(0.25);

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(describe(first, firstTag, null));
            calls.add(describe(second, secondTag, null));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        List<ApiCall> log = callsTagged(firstTag, secondTag);
        assertThat(log).filteredOn(call -> "Throttling".equals(call.errorCode())).isNotEmpty();
        assertThat(log).filteredOn(call -> call.httpStatus() == 200).hasSize(40);
        assertThat(first.budgetStats().backoffsReported() + second.budgetStats().backoffsReported())
                .isEqualTo(log.stream().filter(call -> "Throttling".equals(call.errorCode())).count());
    }

    @Test
    void stepResultsGetThroughAheadOfStatusPollsQueuedBeforeThem() {
        String account = "account-" + UUID.randomUUID();
        EcsGateway replica = gateway(account, 20, Duration.ofMillis(200));
        int pollTag = TAGS.getAndIncrement();
        int stepTag = TAGS.getAndIncrement();

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(describe(replica, pollTag, CallPriority.POLL));
        }
        await().until(() -> replica.budgetStats().waiting().get(CallPriority.POLL) >= 15);
        for (int i = 0; i < 5; i++) {
            calls.add(describe(replica, stepTag, CallPriority.STEP));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        List<ApiCall> log = callsTagged(pollTag, stepTag);
        int lastStep = lastIndexOf(log, stepTag);
        long pollsAfterLastStep = log.subList(lastStep + 1, log.size()).stream()
                .filter(call -> tagOf(call) == pollTag).count();
        assertThat(pollsAfterLastStep).as("polls queued before the steps that went after all of them")
                .isGreaterThanOrEqualTo(10);
        BudgetStats stats = replica.budgetStats();
        assertThat(stats.meanWait(CallPriority.STEP)).isLessThan(stats.meanWait(CallPriority.POLL));
    }

    @Test
    void pollsOfOneReplicaWaitWhileAnotherReplicaHasStepResultsToRead() {
        String account = "account-" + UUID.randomUUID();
        EcsGateway polling = gateway(account, 20, Duration.ofMillis(200));
        EcsGateway stepping = gateway(account, 20, Duration.ofMillis(200));
        int pollTag = TAGS.getAndIncrement();
        int stepTag = TAGS.getAndIncrement();

        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            calls.add(describe(polling, pollTag, CallPriority.POLL));
        }
        await().until(() -> polling.budgetStats().waiting().get(CallPriority.POLL) >= 25);
        for (int i = 0; i < 10; i++) {
            calls.add(describe(stepping, stepTag, CallPriority.STEP));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        List<ApiCall> log = callsTagged(pollTag, stepTag);
        int firstStep = firstIndexOf(log, stepTag);
        int lastStep = lastIndexOf(log, stepTag);
        long pollsAmongSteps = log.subList(firstStep, lastStep).stream().filter(call -> tagOf(call) == pollTag).count();
        assertThat(pollsAmongSteps).as("polls of the other replica between the first and the last step call")
                .isLessThanOrEqualTo(3);
        assertThat(log).hasSize(40);
    }

    @Test
    void aCallThatFindsNoRoomInTheBudgetInTimeFailsWithARetryableThrottlingError() {
        CallBudget budget = track(CallBudget.local(1, MARGIN, Duration.ofMillis(100)));
        EcsGateway replica = new EcsGateway(properties(1, Duration.ofMillis(10)), budget);
        int tag = TAGS.getAndIncrement();
        describe(replica, tag, null).join();

        assertThatThrownBy(() -> replica.call(tagged(tag)))
                .isInstanceOfSatisfying(CloudApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(CloudApiException.BUDGET_EXHAUSTED);
                    assertThat(e.isRetryable()).isTrue();
                })
                .hasMessageContaining("no room in the account's call budget (1 calls/s) within PT0.1S");
        assertThat(callsTagged(tag)).hasSize(1);
        assertThat(budget.stats().timedOut()).isEqualTo(1);
    }

    @Test
    void eachActionHasItsUsualPriority() {
        assertThat(CallPriority.defaultFor("ResetDisk")).isEqualTo(CallPriority.ROLLBACK);
        assertThat(CallPriority.defaultFor("RunCommand")).isEqualTo(CallPriority.STEP);
        assertThat(CallPriority.defaultFor("DescribeInvocationResults")).isEqualTo(CallPriority.STEP);
        assertThat(CallPriority.defaultFor("CreateSnapshot")).isEqualTo(CallPriority.STEP);
        assertThat(CallPriority.defaultFor("DescribeInstances")).isEqualTo(CallPriority.POLL);
        assertThat(CallPriority.defaultFor("DescribeCloudAssistantStatus")).isEqualTo(CallPriority.POLL);
    }

    private CompletableFuture<?> describe(EcsGateway gateway, int tag, CallPriority priority) {
        return CompletableFuture.runAsync(() -> {
            if (priority == null) {
                gateway.call(tagged(tag));
            } else {
                gateway.call(tagged(tag), priority);
            }
        }, callers);
    }

    /** The page size tells the calls of a test (and a replica) apart in the simulator's call log. */
    private static DescribeInstancesRequest tagged(int tag) {
        DescribeInstancesRequest request = new DescribeInstancesRequest();
        request.setPageSize(tag);
        return request;
    }

    private static int tagOf(ApiCall call) {
        return Integer.parseInt(call.params().getOrDefault("PageSize", "0"));
    }

    private static List<ApiCall> callsTagged(int... tags) {
        List<Integer> wanted = java.util.Arrays.stream(tags).boxed().toList();
        return simulator.engine().calls("DescribeInstances", null).stream()
                .filter(call -> wanted.contains(tagOf(call))).sorted(java.util.Comparator.comparing(ApiCall::time))
                .toList();
    }

    private static int firstIndexOf(List<ApiCall> log, int tag) {
        for (int i = 0; i < log.size(); i++) {
            if (tagOf(log.get(i)) == tag) {
                return i;
            }
        }
        throw new AssertionError("no call tagged " + tag);
    }

    private static int lastIndexOf(List<ApiCall> log, int tag) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (tagOf(log.get(i)) == tag) {
                return i;
            }
        }
        throw new AssertionError("no call tagged " + tag);
    }

    /** The most calls the log holds in any window of one second (sliding, not aligned to clock seconds). */
    static int busiestSecond(List<ApiCall> log) {
        List<Instant> times = log.stream().map(ApiCall::time).sorted().toList();
        int busiest = 0;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (!times.get(start).plusSeconds(1).isAfter(times.get(end))) {
                start++;
            }
            busiest = Math.max(busiest, end - start + 1);
        }
        return busiest;
    }

    private EcsGateway gateway(String account, int callsPerSecond, Duration initialBackoff) {
        // A call that found no slot within 30 s fails the test instead of making it slow.
        CallBudget budget = track(CallBudget.shared(database, account, callsPerSecond, MARGIN,
                Duration.ofSeconds(30)));
        return new EcsGateway(properties(callsPerSecond, initialBackoff), budget);
    }

    private CallBudget track(CallBudget budget) {
        budgets.add(budget);
        return budget;
    }

    private static AliyunProperties properties(int callsPerSecond, Duration initialBackoff) {
        return new AliyunProperties(simulator.endpoint(), "HTTP", "cn-hangzhou", KEY_ID, SECRET, callsPerSecond, 3,
                initialBackoff, Duration.ofSeconds(5));
    }
}
