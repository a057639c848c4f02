package io.newsalert.soak.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One process of the system (the broker or a service), restartable: kill -9 and start again with the
 * same command, its output appended to one log. Remembers the CPU time of earlier incarnations so
 * that the report covers the whole run.
 */
public final class ChildProcess implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path log;
    private final BooleanSupplier ready;
    private Process process;
    private long logStart;
    private Duration cpuOfEarlier = Duration.ZERO;
    private int starts;

    public ChildProcess(String name, List<String> command, Map<String, String> env, Path log, BooleanSupplier ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.env = Map.copyOf(env);
        this.log = log;
        this.ready = ready;
    }

    public String name() {
        return name;
    }

    /** How many times it was started (1 + restarts). */
    public synchronized int starts() {
        return starts;
    }

    public Path log() {
        return log;
    }

    public synchronized void start() {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== start " + (++starts) + " at " + java.time.Instant.now() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logStart = Files.size(log);
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            b.environment().putAll(env);
            process = b.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until the readiness check passes; fails with the log's tail if the process dies or time runs out. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited before it was ready; its log ends:\n" + logTail(40));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; its log ends:\n" + logTail(40));
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    public synchronized void kill9() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        cpuOfEarlier = cpuOfEarlier.plus(cpuOf(p));
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        process = null;
    }

    /** SIGTERM, then SIGKILL after 30 s. */
    public synchronized void stop() throws InterruptedException {
        Process p = process;
        if (p == null) {
            return;
        }
        cpuOfEarlier = cpuOfEarlier.plus(cpuOf(p));
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** CPU time of every incarnation so far. */
    public synchronized Duration cpu() {
        return process == null ? cpuOfEarlier : cpuOfEarlier.plus(cpuOf(process));
    }

    private static Duration cpuOf(Process p) {
        return p.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Resident set size in bytes from /proc, 0 where there is none. */
    public synchronized long rssBytes() {
        if (process == null) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Whether this incarnation (not an earlier one) has written the text to the log. */
    public boolean logSinceStartContains(String text) {
        long from;
        synchronized (this) {
            from = logStart;
        }
        try (var channel = java.nio.channels.FileChannel.open(log)) {
            long size = channel.size();
            if (size <= from) {
                return false;
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) Math.min(size - from, 64L << 20));
            channel.read(buf, from);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    public static List<String> javaCommand(String xmx, Map<String, String> props, List<String> rest) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Xmx" + xmx);
        props.forEach((k, v) -> c.add("-D" + k + "=" + v));
        c.addAll(rest);
        return c;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
