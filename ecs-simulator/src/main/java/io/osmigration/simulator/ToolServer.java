package io.osmigration.simulator;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.osmigration.simulator.guest.Guest;
import io.osmigration.simulator.guest.GuestTools;
import io.osmigration.simulator.guest.ToolCall;
import io.osmigration.simulator.guest.ToolResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the commands implemented in Java to the shell shims inside the fake roots. One FIFO for
 * the whole simulator carries requests ({@code tool argv0 requestDir}, one line each, shorter than
 * PIPE_BUF so concurrent writers do not interleave); the shim leaves its arguments in
 * {@code requestDir/argv}, waits on its own FIFO {@code requestDir/rc} (which it holds open so the
 * answer cannot be lost), then prints {@code out} and {@code err}. Both FIFOs are opened read-write
 * here, so neither side ever blocks on a peer that went away. A shim costs four forks
 * (mktemp, mkfifo, cat, rm) instead of a JVM per call.
 */
final class ToolServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ToolServer.class);
    private static final String STOP = "__osm_sim_stop__";

    private final Path fifo;
    private final Function<Path, Guest> guests;
    private final ExecutorService workers;
    private final Thread reader;
    private final RandomAccessFile channel;
    private volatile boolean closed;

    /**
     * @param guests finds the guest whose fake root contains a request directory (null if none)
     */
    ToolServer(Path dir, Function<Path, Guest> guests) {
        this.guests = guests;
        this.fifo = dir.resolve("requests");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(fifo);
            Process mk = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
            if (!mk.waitFor(10, TimeUnit.SECONDS) || mk.exitValue() != 0) {
                throw new IllegalStateException("mkfifo " + fifo + " failed: " + new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            this.channel = new RandomAccessFile(fifo.toFile(), "rw");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the tool FIFO " + fifo, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "ecs-sim-tool-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.reader = new Thread(this::readRequests, "ecs-sim-tool-fifo");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    Path fifo() {
        return fifo;
    }

    private void readRequests() {
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            while (!closed) {
                int n = channel.read(buf);
                if (n < 0) {
                    return;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        String request = line.toString();
                        line.setLength(0);
                        if (STOP.equals(request) || closed) {
                            return;
                        }
                        workers.execute(() -> serve(request));
                    } else {
                        line.append((char) (buf[i] & 0xff));
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                LOG.warn("Tool FIFO {} failed: {}", fifo, e.toString());
            }
        }
    }

    private void serve(String request) {
        String[] f = request.split(" ", 3);
        if (f.length < 3) {
            return;
        }
        Path dir = Path.of(f[2]);
        try {
            Guest guest = guests.apply(dir);
            if (guest == null) {
                answer(dir, ToolResult.fail(70, "", "osm-sim: no instance owns " + dir + "\n"));
                return;
            }
            List<String> argv = split(Files.readAllBytes(dir.resolve("argv")));
            List<String> env = split(Files.readAllBytes(dir.resolve("env")));
            String step = env.isEmpty() ? "" : env.get(0);
            String cwd = env.size() > 1 ? env.get(1) : guest.root().resolve("root").toString();
            ToolCall call = new ToolCall(f[0], f[1], argv, step, cwd);
            GuestTools.run(guest, call).whenComplete((result, error) -> {
                if (error != null) {
                    LOG.warn("Tool {} on {} failed", call.argv0(), guest.instanceId(), error);
                    answer(dir, ToolResult.fail(70, "", "osm-sim: " + call.argv0() + " failed inside the simulator: " + error + "\n"));
                } else {
                    answer(dir, result);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Tool request {} failed", request, e);
            answer(dir, ToolResult.fail(70, "", "osm-sim: " + e + "\n"));
        }
    }

    // The caller may be gone (killed by a reboot or a timeout): then the directory is gone too, which is fine.
    private static void answer(Path dir, ToolResult r) {
        try {
            Files.writeString(dir.resolve("out"), r.stdout(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("err"), r.stderr(), StandardCharsets.UTF_8);
            try (RandomAccessFile rc = new RandomAccessFile(dir.resolve("rc").toFile(), "rw")) {
                rc.write((r.exitCode() + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            LOG.debug("Tool caller in {} went away: {}", dir, e.toString());
        }
    }

    private static List<String> split(byte[] nulSeparated) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < nulSeparated.length; i++) {
            if (nulSeparated[i] == 0) {
                out.add(new String(nulSeparated, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.write((STOP + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.debug("Cannot wake the tool reader: {}", e.toString());
        }
        try {
            reader.join(2000);
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing the tool FIFO: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", fifo, e.toString());
        }
    }
}
