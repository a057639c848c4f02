package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A restart replays every subscription into the matcher at once. With Lucene Monitor's default
 * write buffer (5,000 queries held with their term documents until the commit) 10,000 subscriptions
 * ran alert-service's 512 MB heap out after a kill -9 in the soak run, and the service stopped
 * delivering. The replay must fit a small heap; here a child JVM with 320 MB (the old buffer needs
 * about 2 GB; 192 MB also fits, but its 100 commits took over 5 minutes on a loaded CI machine).
 */
class MatcherStartupMemoryTest {

    @Test
    void replayingTenThousandSubscriptionsFitsASmallHeap() throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Files.createTempFile("startup-replay", ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx320m",
                "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp", classpath, StartupReplay.class.getName(), "10000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);

        assertThat(done).as("replay finished within 10 minutes; output: %s", output).isTrue();
        assertThat(p.exitValue()).as("child JVM exit status; output: %s", output).isZero();
        List<String> lines = output.lines().filter(l -> l.startsWith("active=")).toList();
        assertThat(lines).as(output).hasSize(1);
        assertThat(lines.get(0)).startsWith("active=10000 ");
        assertThat(Integer.parseInt(lines.get(0).replaceAll(".*matched=", ""))).as("the replayed queries match").isPositive();
    }
}
