package io.newsalert.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./run-local.sh} as a script drives it: stdin closed, output to a file, no internet (the
 * services run offline, so only the bundled sample feed is polled). The seed article's alert is
 * printed, signature checked, within 30 seconds of the services being up; SIGTERM stops every
 * process the script started.
 *
 * <p>It runs in a copy of the repository that holds the script and links to the packaged modules
 * (no sources), so that it starts what the build made and never builds anything itself.
 */
class RunLocalScriptTest {

    private static final List<Integer> PORTS = List.of(9092, 9093, 8090, 8081, 8082, 8083);

    @Test
    void oneCommandShowsTheSeedAlertAndSigtermLeavesNothingBehind() throws Exception {
        List<Integer> busy = PORTS.stream().filter(RunLocalScriptTest::inUse).toList();
        assumeTrue(busy.isEmpty(), "SKIPPED: run-local.sh needs its fixed ports, and " + busy + " are in use here (a ./run-local.sh running?)");
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "SKIPPED: run-local.sh needs bash");

        Path copy = Paths.build().resolve("run-local-copy-" + System.currentTimeMillis());
        Files.createDirectories(copy);
        Files.copy(Paths.root().resolve("run-local.sh"), copy.resolve("run-local.sh"));
        Files.copy(Paths.root().resolve("pom.xml"), copy.resolve("pom.xml"));
        Files.setLastModifiedTime(copy.resolve("pom.xml"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        for (String module : List.of("local-run", "ingest-service", "enrich-service", "alert-service")) {
            if (!module.equals("local-run")) {
                ServiceProcess.jar(module); // fails with what to build when it is not packaged
            } else if (!Files.isDirectory(Paths.root().resolve("local-run/target/lib"))) {
                throw new IllegalStateException("local-run is not packaged (local-run/target/lib is missing); build it first");
            }
            Files.createDirectories(copy.resolve(module));
            Files.createSymbolicLink(copy.resolve(module).resolve("target"), Paths.root().resolve(module).resolve("target"));
        }

        Path out = copy.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", copy.resolve("run-local.sh").toString())
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("NEWSALERT_ADMIN_KEY", "run-local-test-key");
        // Tests never reach the internet: only the self-served sample feed.
        pb.environment().put("NEWSALERT_INGEST_OFFLINE", "true");
        Instant started = Instant.now();
        Process script = pb.start();
        try {
            Instant ready = waitFor(out, script, "Ctrl-C stops everything", Duration.ofSeconds(300));
            Instant alerted = waitFor(out, script, RunningSystem.SEED_TITLE, Duration.ofSeconds(60));
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            System.out.println("[system-tests] run-local.sh: services up after " + Duration.between(started, ready).toSeconds()
                    + " s, seed alert printed " + Duration.between(ready, alerted).toMillis() + " ms later");
            assertThat(printed).contains("ALERT msg_").contains("for subscription Truppenabzug (local demo)")
                    .contains(RunningSystem.SEED_LINK).doesNotContain("REJECTED");
            assertThat(Duration.between(ready, alerted)).as("from 'running' to the alert; output:%n%s", printed)
                    .isLessThanOrEqualTo(Duration.ofSeconds(30));
            for (String log : List.of("local-kafka", "webhook-receiver", "ingest-service", "enrich-service", "alert-service")) {
                assertThat(copy.resolve(".local-run/logs/" + log + ".log")).isNotEmptyFile();
            }
        } finally {
            script.destroy(); // SIGTERM, as a supervisor would send it
            boolean exited = script.waitFor(90, TimeUnit.SECONDS);
            List<String> leftBehind = processesUnder(copy);
            if (!exited) {
                script.destroyForcibly();
            }
            assertThat(exited).as("run-local.sh exited after SIGTERM").isTrue();
            assertThat(script.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(leftBehind).as("processes still running after run-local.sh exited").isEmpty();
            assertThat(Files.readString(out)).contains("[run-local] stopped");
        }
    }

    private static Instant waitFor(Path out, Process script, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains(text)) {
                return Instant.now();
            }
            if (!script.isAlive()) {
                throw new AssertionError("run-local.sh exited with " + script.exitValue() + " before printing '" + text + "':\n"
                        + Files.readString(out));
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run-local.sh did not print '" + text + "' within " + timeout.toSeconds() + " s:\n" + Files.readString(out));
    }

    /** Processes whose command line names the copy: the broker, receiver and services it started. */
    private static List<String> processesUnder(Path copy) {
        List<String> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> p.info().commandLine().ifPresent(c -> {
            if (c.contains(copy.toString())) {
                found.add(p.pid() + " " + c);
            }
        }));
        return found;
    }

    private static boolean inUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
