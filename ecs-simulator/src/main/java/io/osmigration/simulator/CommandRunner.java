package io.osmigration.simulator;

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
import java.util.concurrent.ExecutorService;
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
 * killed with its whole process tree at the timeout. Output goes to a file rather than a pipe, so
 * a background grandchild holding stdout open cannot block us.
 */
final class CommandRunner implements AutoCloseable {

    /** Cloud Assistant keeps at most 24 KB of output; we keep the last 24 KB (the end shows what failed). */
    static final int MAX_OUTPUT_BYTES = 24 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    record Job(String invokeId, String instanceId, byte[] script, Map<String, String> environment, Path workingDir,
               Duration timeout) {
    }

    record Result(int exitCode, boolean timedOut, byte[] output, long dropped, String error) {
    }

    private final ThreadPoolExecutor pool;
    private final Path scratch;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    CommandRunner(int threads, Path scratch) {
        this.scratch = scratch;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "ecs-sim-command-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Queues a job; {@code onStart} runs when it leaves the queue, {@code onDone} always runs once. */
    void submit(Job job, Runnable onStart, Consumer<Result> onDone) {
        try {
            pool.execute(() -> {
                Result result;
                try {
                    onStart.run();
                    result = run(job);
                } catch (RuntimeException e) {
                    LOG.warn("Command {} on {} could not run: {}", job.invokeId(), job.instanceId(), e.toString());
                    result = new Result(-1, false, new byte[0], 0, e.getMessage());
                }
                if (!closed) {
                    onDone.accept(result);
                }
            });
        } catch (RejectedExecutionException e) {
            onDone.accept(new Result(-1, false, new byte[0], 0, "too many commands queued in the simulator"));
        }
    }

    private Result run(Job job) {
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
            running.add(process);
            process.getOutputStream().close(); // scripts reading stdin see EOF, as under Cloud Assistant
            boolean finished = process.waitFor(job.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            int exit = process.isAlive() ? -1 : process.exitValue();
            Tail tail = tail(out);
            return new Result(exit, !finished, tail.bytes(), tail.dropped(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                killTree(process);
            }
            return new Result(-1, false, new byte[0], 0, "interrupted");
        } catch (IOException e) {
            return new Result(-1, false, new byte[0], 0, e.getMessage());
        } finally {
            if (process != null) {
                running.remove(process);
            }
            deleteQuietly(script);
            deleteQuietly(out);
        }
    }

    private record Tail(byte[] bytes, long dropped) {
    }

    private static Tail tail(Path out) throws IOException {
        if (!Files.exists(out)) {
            return new Tail(new byte[0], 0);
        }
        try (SeekableByteChannel ch = Files.newByteChannel(out)) {
            long size = ch.size();
            long dropped = Math.max(0, size - MAX_OUTPUT_BYTES);
            ch.position(dropped);
            ByteBuffer buf = ByteBuffer.allocate((int) (size - dropped));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading
            }
            return new Tail(buf.array(), dropped);
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
        running.forEach(CommandRunner::killTree);
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
