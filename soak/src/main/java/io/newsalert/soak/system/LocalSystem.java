package io.newsalert.soak.system;

import io.newsalert.soak.SoakOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as run-local.sh runs it: the in-JVM broker (local-kafka's Main) and the three
 * packaged services as processes, configured through system properties for a soak run (feeds
 * polled every second or two, webhooks allowed on loopback, a shorter retry schedule).
 */
public final class LocalSystem implements AutoCloseable {

    /** Knobs of a soak run that differ from the product's defaults. */
    public record Settings(Path root, Path runDir, String adminKey, String retrySchedule, String pollMaxBackoff) {}

    public final ChildProcess broker;
    public final ChildProcess ingest;
    public final ChildProcess enrich;
    public final ChildProcess alert;
    private final Map<String, Integer> ports = new HashMap<>();
    private final Api api;
    private final String bootstrap;

    public LocalSystem(Settings s) {
        this.api = new Api(s.adminKey());
        int kafkaPort = freePortPair();
        bootstrap = "localhost:" + kafkaPort;
        Path logs = s.runDir().resolve("logs");
        // The broker runs from local-run's classpath, as run-local.sh starts it.
        String classpath = s.root().resolve("local-run/target/classes") + ":" + s.root().resolve("local-run/target/lib") + "/*";
        // Ready when this incarnation says so: after a restart the log still holds the first one's line.
        ChildProcess[] self = new ChildProcess[1];
        broker = new ChildProcess("broker", ChildProcess.javaCommand("768m", Map.of(), List.of("-cp", classpath,
                "io.newsalert.localkafka.Main", "--port", String.valueOf(kafkaPort), "--data-dir", s.runDir().resolve("kafka").toString())),
                Map.of(), logs.resolve("broker.log"), () -> self[0].logSinceStartContains("local-kafka ready at"));
        self[0] = broker;

        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("NEWSALERT_ADMIN_KEY", s.adminKey());
        env.put("NEWSALERT_DELIVERY_SSRF_ALLOW", "localhost,127.0.0.0/8,::1");

        Map<String, String> ingestProps = new LinkedHashMap<>();
        ingestProps.put("newsalert.ingest.offline", "true");
        ingestProps.put("newsalert.ingest.default-feeds.sample.enabled", "false");
        ingestProps.put("newsalert.ingest.poll.min-interval", "1s");
        ingestProps.put("newsalert.ingest.poll.max-backoff", s.pollMaxBackoff());
        // Every synthetic feed is on 127.0.0.1: one "host" that stands for many publishers.
        ingestProps.put("newsalert.ingest.fetch.per-host-concurrency", "8");
        ingestProps.put("newsalert.ingest.fetch.total-timeout", "10s");
        ingest = service("ingest-service", s, env, ingestProps, logs);

        enrich = service("enrich-service", s, env, Map.of("kafka-streams.state.dir", s.runDir().resolve("kafka-streams").toString()), logs);

        alert = service("alert-service", s, env, Map.of("newsalert.delivery.retry.schedule", s.retrySchedule(),
                "newsalert.delivery.rate-limit.max", String.valueOf(SoakOptions.RATE_LIMIT_PER_MINUTE),
                "newsalert.delivery.rate-limit.window", SoakOptions.RATE_LIMIT_WINDOW.toSeconds() + "s"), logs);
    }

    private ChildProcess service(String name, Settings s, Map<String, String> env, Map<String, String> props, Path logs) {
        Path jar = s.root().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; soak.sh builds it (./mvnw -B package -DskipTests -pl soak -am)");
        }
        int port = freePort();
        ports.put(name, port);
        Map<String, String> e = new HashMap<>(env);
        e.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        return new ChildProcess(name, ChildProcess.javaCommand("512m", props, List.of("-jar", jar.toString())), e,
                logs.resolve(name + ".log"), () -> api.status(ready) == 200);
    }

    public URI uri(ChildProcess service, String path) {
        return URI.create("http://localhost:" + ports.get(service.name()) + path);
    }

    public List<ChildProcess> services() {
        return List.of(ingest, enrich, alert);
    }

    public List<ChildProcess> all() {
        return List.of(broker, ingest, enrich, alert);
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Broker, then enrich and alert (subscriptions must be in before articles), ingest last. */
    public void start(Duration readyTimeout) throws InterruptedException {
        broker.start();
        broker.awaitReady(Duration.ofSeconds(120));
        enrich.start();
        alert.start();
        ingest.start();
        for (ChildProcess s : services()) {
            s.awaitReady(readyTimeout);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on localhost", e);
        }
    }

    /** A port whose next port is free too: the broker's controller listens there. */
    static int freePortPair() {
        for (int i = 0; i < 50; i++) {
            int p = freePort();
            try (ServerSocket next = new ServerSocket()) {
                next.bind(new InetSocketAddress("localhost", p + 1));
                return p;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IllegalStateException("no two adjacent free ports for the broker");
    }

    @Override
    public void close() throws InterruptedException {
        List<ChildProcess> reverse = new ArrayList<>(all());
        java.util.Collections.reverse(reverse);
        for (ChildProcess p : reverse) {
            p.stop();
        }
    }
}
