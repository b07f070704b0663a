package io.osmigration.allinone.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.context.ConfigurableApplicationContext;

import io.osmigration.allinone.AllInOne;
import io.osmigration.allinone.AllInOneConfig;
import io.osmigration.events.MigrationStepDone;
import io.osmigration.executor.batch.BatchStore;
import io.osmigration.executor.domain.Batch;
import io.osmigration.executor.domain.BatchChange;
import io.osmigration.executor.domain.DrillMode;
import io.osmigration.executor.domain.Job;
import io.osmigration.executor.domain.JobLifecycle;
import io.osmigration.executor.eventlog.EventStore;
import io.osmigration.executor.job.JobStore;
import io.osmigration.platform.events.EventHeaders;

/**
 * The dashboard holds a batch of 10,000 jobs: it shows a page of them with the whole batch's counts, pages and
 * searches on the server, follows the stream from "now" and applies 1,000 events without ever downloading the
 * batch. The batch is stored directly (paused, so nothing runs) and the events are appended to the executor's event
 * log, as the executor stores what it hears. Frame times and long tasks are measured in the browser and printed;
 * what is asserted is behaviour (counts, rows, pages, events applied, requests made).
 */
class DashboardScaleBrowserTest {

    private static final int JOBS = 10_000;
    private static final int EVENTS = 1_000;
    private static ChromeDriver driver;

    @BeforeAll
    static void browser() throws Exception {
        driver = Browsers.chromium();
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void tenThousandJobsArePagedOnTheServerAndEventsAreAppliedWithoutReloadingTheBatch() throws Exception {
        AllInOne stack = stack();
        ConfigurableApplicationContext executor = stack.contexts().stream()
                .filter(c -> c.getBeanNamesForType(JobStore.class).length > 0).findFirst().orElseThrow();
        String batchId = "b-scale" + Long.toHexString(System.nanoTime());
        List<Job> jobs = storePausedBatch(executor, batchId);

        driver.get("http://127.0.0.1:" + stack.port(AllInOneConfig.EXECUTOR) + "/");
        driver.findElement(By.id("token")).sendKeys(stack.apiToken());
        driver.findElement(By.id("login-btn")).click();
        await().atMost(Duration.ofSeconds(20)).until(() -> driver.findElement(By.id("app")).isDisplayed());
        long opened = System.nanoTime();
        driver.findElement(By.id("open-batch-id")).sendKeys(batchId + org.openqa.selenium.Keys.ENTER);
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                rows() == 50 && "live".equals(text("conn")) && count("PENDING") == JOBS);
        double firstPaintMs = (System.nanoTime() - opened) / 1e6;
        assertThat(text("progress-text")).startsWith("0 of " + JOBS + " jobs finished");
        assertThat(text("jobs-range")).isEqualTo("1–50 of " + JOBS + " matching jobs");

        // Pages and search are answered by the server.
        // Clicked in the page (the pager is re-rendered by every reload, so a found element may be stale), again
        // while the first page is still shown (a reload in flight when it was clicked may have drawn page 1 again).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            if (text("jobs-range").startsWith("1–50 ")) {
                js("document.getElementById('jobs-next').click()");
                return false;
            }
            int first = Integer.parseInt(text("jobs-range").split("–")[0]);
            return first > 1 && text("jobs-range").endsWith("of " + JOBS + " matching jobs")
                    && jobs.get(first - 1).instanceId().equals(firstRowInstance()) && rows() == 50;
        });
        driver.findElement(By.id("search")).sendKeys(jobs.get(7_777).instanceId());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> rows() == 1
                && jobs.get(7_777).instanceId().equals(firstRowInstance()));
        driver.findElement(By.id("search")).clear();
        js("document.getElementById('search').dispatchEvent(new Event('input'))");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> rows() == 50
                && text("jobs-range").startsWith("1–50 of"));

        // 1,000 events arrive, a tenth of them about jobs on the page, while frames and long tasks are measured.
        js("""
                window.__perf = {frames: 0, maxFrame: 0, longTasks: 0, maxLongTask: 0};
                let last = performance.now();
                const tick = (t) => { const d = t - last; last = t; __perf.frames++;
                  if (d > __perf.maxFrame) __perf.maxFrame = d; requestAnimationFrame(tick); };
                requestAnimationFrame(tick);
                new PerformanceObserver((list) => list.getEntries().forEach((e) => { __perf.longTasks++;
                  __perf.maxLongTask = Math.max(__perf.maxLongTask, e.duration); })).observe({type: 'longtask'});
                performance.clearResourceTimings();""");
        EventStore events = executor.getBean(EventStore.class);
        long appending = System.nanoTime();
        for (int i = 0; i < EVENTS; i++) {
            Job job = jobs.get(i % 10 == 0 ? (i / 10) % 50 : 50 + i);
            MigrationStepDone done = MigrationStepDone.newBuilder()
                    .setHeader(EventHeaders.deterministic("scale-test", batchId + ":" + i, batchId, job.jobId(), null,
                            Clock.systemUTC()))
                    .setSourceId(job.sourceId()).setInstanceId(job.instanceId()).setStep("PREPARE")
                    .setStatus("SUCCEEDED").setStartedAt(Instant.now()).setFinishedAt(Instant.now()).setExitCode(0)
                    .build();
            events.append("osm.migrations", done, batchId, job.jobId(), job.sourceId());
        }
        // Generous: under a full build the shared stack is busy, and the 1,000 appends and their delivery slow down.
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> Integer.parseInt(text("event-count")) >= EVENTS);
        double applyMs = (System.nanoTime() - appending) / 1e6;
        @SuppressWarnings("unchecked")
        Map<String, Object> perf = (Map<String, Object>) js("return window.__perf");
        long applied = ((Number) js("return window.osmDashboard.applied()")).longValue();
        @SuppressWarnings("unchecked")
        List<String> requests = (List<String>) js(
                "return performance.getEntriesByType('resource').map((e) => e.name)");
        System.out.printf("Dashboard at %d jobs: grid shown %.0f ms after opening; %d events appended and shown in "
                        + "%.0f ms; %d applied to rows on the page; %s frames, longest %.0f ms; %s long tasks, longest "
                        + "%.0f ms; %d requests meanwhile%n", JOBS, firstPaintMs, EVENTS, applyMs, applied,
                perf.get("frames"), ((Number) perf.get("maxFrame")).doubleValue(), perf.get("longTasks"),
                ((Number) perf.get("maxLongTask")).doubleValue(), requests.size());

        assertThat(applied).as("events about jobs on the page applied to their rows").isGreaterThanOrEqualTo(EVENTS / 10);
        assertThat(requests).as("the whole batch is never downloaded")
                .noneMatch(url -> url.matches(".*/api/v1/migrations/" + batchId + "(\\?(?!jobs=false).*)?$"));
        assertThat(requests).filteredOn(url -> url.contains("/jobs?")).allMatch(url -> url.contains("size=50"));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> count("PENDING") == JOBS && rows() == 50);
        assertThat(((Number) js("return window.osmDashboard.duplicates()")).intValue()).isZero();
    }

    /** A paused batch of 10,000 pending jobs, stored as the executor stores one (paused: nothing is released). */
    private static List<Job> storePausedBatch(ConfigurableApplicationContext executor, String batchId)
            throws Exception {
        JobLifecycle lifecycle = executor.getBean(JobLifecycle.class);
        Instant now = Instant.now();
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String n = String.format("%05d", i);
            jobs.add(lifecycle.accept("j-" + batchId.substring(2) + n, batchId, "scale-" + batchId, i, "s-scale" + n,
                    "i-bp1scale" + batchId.substring(7) + n, "cn-hangzhou", "alinux3", DrillMode.NONE, List.of(),
                    "scale-test", now));
        }
        executor.getBean(JobStore.class).insertNew(jobs);
        BatchChange accepted = Batch.accept(batchId, "scale-" + batchId, "scale-test", "alinux3", DrillMode.NONE,
                100, null, List.of(), JOBS, "scale-test", now);
        BatchChange paused = accepted.batch().pause("scale-test", "held for the dashboard test", now);
        List<io.osmigration.executor.domain.BatchEvent> history = new ArrayList<>(accepted.events());
        history.addAll(paused.events());
        BatchChange both = new BatchChange(paused.batch(), history, null);
        Method insert = Arrays.stream(BatchStore.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("insert")).findFirst().orElseThrow();
        insert.setAccessible(true);
        insert.invoke(executor.getBean(BatchStore.class), both);
        return jobs;
    }

    private static int rows() {
        return driver.findElements(By.cssSelector("#jobs tr.job")).size();
    }

    private static String firstRowInstance() {
        return driver.findElement(By.cssSelector("#jobs tr.job")).getDomAttribute("data-instance-id");
    }

    private static int count(String state) {
        return Integer.parseInt(driver.findElement(By.cssSelector("#counts [data-state='" + state + "'] .count"))
                .getText().trim());
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static AllInOne stack() throws Exception {
        return Browsers.stack();
    }
}
