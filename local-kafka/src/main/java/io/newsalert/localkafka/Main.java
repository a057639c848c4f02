package io.newsalert.localkafka;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local run's broker: {@code java -cp … io.newsalert.localkafka.Main [--port 9092] [--data-dir DIR]}.
 * Data is kept across restarts; SIGTERM or Ctrl-C shuts the broker down cleanly.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 9092;
        Path dataDir = Path.of(".local-run", "kafka");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, "--data-dir"));
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: Main [--port N] [--data-dir DIR]");
                    System.exit(2);
                }
            }
        }
        LocalKafkaBroker broker = LocalKafkaBroker.create(port, dataDir.toAbsolutePath());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "local-kafka-shutdown"));
        broker.start();
        System.out.println("local-kafka ready at " + broker.bootstrapServers());
        stopped.await();
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
