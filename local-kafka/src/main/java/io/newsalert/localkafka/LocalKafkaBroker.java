package io.newsalert.localkafka;

import io.newsalert.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker and controller), running inside
 * this JVM from Apache Kafka's own classes. Its log directory is formatted on first start and kept
 * afterwards, so a broker restarted on the same directory has the same topics and offsets.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
    /** Fixed so that a data directory formatted once can be started again. */
    private static final String CLUSTER_ID = "bmV3c2FsZXJ0LWxvY2Fs";

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private KafkaRaftServer server;

    private LocalKafkaBroker(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir;
    }

    /**
     * @param port client port; 0 picks a free one
     * @param dataDir where the log lives; created and formatted if new
     */
    public static LocalKafkaBroker create(int port, Path dataDir) {
        // A fixed client port gets the next port for the controller, so restarts find it again.
        return port == 0 ? new LocalKafkaBroker(freePort(), freePort(), dataDir) : new LocalKafkaBroker(port, port + 1, dataDir);
    }

    /** A broker on a free port with its data in a fresh temporary directory. */
    public static LocalKafkaBroker createTemporary() {
        try {
            return create(0, Files.createTempDirectory("newsalert-kafka-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the broker", e);
        }
    }

    public synchronized LocalKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long begin = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            Properties props = brokerProperties();
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(w, "written by newsalert local-kafka on every start");
            }
            format(config);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            createTopics(Topics.ALL);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker's data directory " + dataDir, e);
        }
        LOG.info("Kafka broker up at {} (data in {}) after {} ms", bootstrapServers(), dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
        return this;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates the topics that do not exist yet; compacted ones with {@code cleanup.policy=compact}. */
    public void createTopics(List<Topics.Definition> definitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topics.Definition d : definitions) {
                if (!existing.contains(d.name())) {
                    NewTopic topic = new NewTopic(d.name(), d.partitions(), (short) 1);
                    if (d.compacted()) {
                        topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                    }
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topics on " + bootstrapServers(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("broker at " + bootstrapServers() + " did not answer within 30 s", e);
        }
    }

    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        LOG.info("stopping Kafka broker at {}", bootstrapServers());
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("log").toString());
        // One node: every internal topic has one replica, and nobody waits for more.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return p;
    }

    private void format(Path config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {
                "format", "--cluster-id", CLUSTER_ID, "--config", config.toString(), "--ignore-formatted"
            }, print);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the broker's log directory failed: " + out.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on localhost", e);
        }
    }

}
