package io.osmigration.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs RunCommand scripts for real: {@code /bin/sh <file>} as a child process on a bounded pool,
 * killed with its whole process tree at the timeout (or when the guest reboots). Output goes to a
 * file rather than a pipe, so a background grandchild holding stdout open cannot block us.
 *
 * <p>What the agent reports is what aliyun/aliyun_assist_client agent/taskengine/basetask.go
 * computes: while the command runs, every {@code Output.Interval} (at least 1 s) it sends the new
 * output as long as it has sent no more than {@code defaultQuotoPre} (6,000) bytes; at the end
 * {@code getReportString} keeps only the last {@code LogQuota - data_sended} bytes of the rest
 * ({@code LogQuota} at least {@code defaultQuoto} = 12,000) and reports the number of bytes it
 * dropped. A command shorter than one interval therefore returns exactly the last
 * {@code LogQuota} bytes; a long one returns its first few KB and a shorter tail.
 */
final class CommandRunner implements AutoCloseable {

    /** basetask.go {@code defaultQuotoPre}: running output stops being sent once more than this was sent. */
    static final int RUNNING_OUTPUT_LIMIT = 6000;
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    record Job(String invokeId, String instanceId, byte[] script, Map<String, String> environment, Path workingDir,
               Duration timeout) {
    }

    /**
     * @param interrupted the guest went down under the command: the agent died with it and reports nothing
     */
    record Result(int exitCode, boolean timedOut, boolean interrupted, byte[] output, long dropped, String error) {
    }

    private final ThreadPoolExecutor pool;
    private final Path scratch;
    private final int quota;
    private final Duration interval;
    private final Map<Process, Job> running = new ConcurrentHashMap<>();
    private final Set<Process> interrupted = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    CommandRunner(int threads, Path scratch, int quota, Duration interval) {
        this.scratch = scratch;
        this.quota = Math.max(quota, SimulatorSettings.MIN_OUTPUT_QUOTA);
        this.interval = interval;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "ecs-sim-command-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Queues a job; {@code onStart} runs when it leaves the queue, {@code onOutput} with the output the
     * agent has sent so far, {@code onDone} always runs once.
     */
    void submit(Job job, Runnable onStart, Consumer<byte[]> onOutput, Consumer<Result> onDone) {
        try {
            pool.execute(() -> {
                Result result;
                try {
                    onStart.run();
                    result = run(job, onOutput);
                } catch (RuntimeException e) {
                    LOG.warn("Command {} on {} could not run: {}", job.invokeId(), job.instanceId(), e.toString());
                    result = new Result(-1, false, false, new byte[0], 0, e.getMessage());
                }
                if (!closed) {
                    onDone.accept(result);
                }
            });
        } catch (RejectedExecutionException e) {
            onDone.accept(new Result(-1, false, false, new byte[0], 0, "too many commands queued in the simulator"));
        }
    }

    /** The guest went down: every command running on it dies, and its agent with it. */
    void killInstance(String instanceId) {
        running.forEach((process, job) -> {
            if (job.instanceId().equals(instanceId)) {
                interrupted.add(process);
                killTree(process);
            }
        });
    }

    private Result run(Job job, Consumer<byte[]> onOutput) {
        String base = job.invokeId() + "-" + job.instanceId();
        Path script = scratch.resolve(base + ".sh");
        Path out = scratch.resolve(base + ".out");
        Process process = null;
        try {
            Files.createDirectories(scratch);
            Files.createDirectories(job.workingDir());
            Files.write(script, job.script());
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString())
                    .directory(job.workingDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().clear();
            pb.environment().putAll(job.environment());
            process = pb.start();
            running.put(process, job);
            process.getOutputStream().close(); // scripts reading stdin see EOF, as under Cloud Assistant
            long deadline = System.nanoTime() + job.timeout().toNanos();
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            long offset = 0;
            boolean finished = false;
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                finished = process.waitFor(Math.min(left, interval.toNanos()), TimeUnit.NANOSECONDS);
                if (!finished && System.nanoTime() < deadline && sent.size() <= RUNNING_OUTPUT_LIMIT) {
                    byte[] chunk = read(out, offset, Long.MAX_VALUE);
                    if (chunk.length > 0) {
                        sent.write(chunk);
                        offset += chunk.length;
                        onOutput.accept(sent.toByteArray());
                    }
                }
            }
            if (!finished) {
                killTree(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            int exit = process.isAlive() ? -1 : process.exitValue();
            boolean wasInterrupted = interrupted.remove(process);
            long size = Files.exists(out) ? Files.size(out) : 0;
            long rest = size - offset;
            long room = Math.max(0, quota - sent.size());
            long dropped = Math.max(0, rest - room);
            byte[] tail = read(out, offset + dropped, rest - dropped);
            sent.write(tail);
            return new Result(exit, !finished && !wasInterrupted, wasInterrupted, sent.toByteArray(), dropped, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                killTree(process);
            }
            return new Result(-1, false, false, new byte[0], 0, "interrupted");
        } catch (IOException e) {
            return new Result(-1, false, false, new byte[0], 0, e.getMessage());
        } finally {
            if (process != null) {
                running.remove(process);
                interrupted.remove(process);
            }
            deleteQuietly(script);
            deleteQuietly(out);
        }
    }

    private static byte[] read(Path file, long from, long length) throws IOException {
        if (!Files.exists(file) || length <= 0) {
            return new byte[0];
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (from >= size) {
                return new byte[0];
            }
            ch.position(from);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, size - from));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading
            }
            return buf.array();
        }
    }

    /** Kills the script and everything it started; children are listed first, they outlive a dead parent. */
    private static void killTree(Process process) {
        for (int round = 0; round < 2; round++) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", p, e.toString());
        }
    }

    /** Kills running scripts and drops queued ones (reset/shutdown). */
    @Override
    public void close() {
        closed = true;
        pool.shutdownNow();
        running.keySet().forEach(CommandRunner::killTree);
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
