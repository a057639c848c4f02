package io.newsalert.localkafka;

/**
 * One broker per test JVM, started on first use and stopped when the JVM exits: starting a broker
 * costs seconds, and tests isolate themselves by topic and group names, not by brokers.
 */
public final class SharedBroker {

    private static LocalKafkaBroker broker;

    private SharedBroker() {}

    public static synchronized LocalKafkaBroker get() {
        if (broker == null) {
            LocalKafkaBroker started = LocalKafkaBroker.createTemporary().start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-kafka-shutdown"));
            broker = started;
        }
        return broker;
    }
}
