package io.newsalert.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local run's webhook receiver:
 * {@code java -cp … io.newsalert.localrun.Main [--port 8090] [--bind 127.0.0.1] [--secrets-file .local-run/webhook-secrets]}.
 * The secrets file holds one {@code whsec_…} secret a line and is read on every call, because the
 * subscription (and so its secret) is created after the receiver is up. Secrets known in advance
 * (the compose demo) may also come from {@code NEWSALERT_WEBHOOK_SECRETS}, comma-separated.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        int port = 8090;
        String bind = "127.0.0.1";
        Path secretsFile = Path.of(".local-run", "webhook-secrets");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--secrets-file" -> secretsFile = Path.of(value(args, ++i, "--secrets-file"));
                case "--bind" -> bind = value(args, ++i, "--bind");
                default -> {
                    System.err.println("unknown argument " + args[i] + "; usage: Main [--port N] [--secrets-file FILE]");
                    System.exit(2);
                }
            }
        }
        Path secrets = secretsFile;
        List<String> fromEnvironment = splitSecrets(System.getenv("NEWSALERT_WEBHOOK_SECRETS"));
        WebhookReceiver receiver = WebhookReceiver.start(new InetSocketAddress(bind, port), () -> {
            List<String> all = new ArrayList<>(fromEnvironment);
            all.addAll(readSecrets(secrets));
            return all;
        }, delivery -> {
            System.out.print(AlertPrinter.describe(delivery));
            System.out.flush();
        }, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            stopped.countDown();
        }, "webhook-receiver-shutdown"));
        System.out.println("webhook receiver listening at " + receiver.url() + " (secrets from " + secrets.toAbsolutePath() + ")");
        stopped.await();
    }

    static List<String> splitSecrets(String commaSeparated) {
        if (commaSeparated == null) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    static List<String> readSecrets(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook secrets from " + file, e);
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
