package io.newsalert.localkafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus face of the local broker: {@code @QuarkusTestResource(LocalKafkaResource.class)} points the
 * application at the shared in-JVM broker and turns Dev Services (which would want Docker) off.
 */
public final class LocalKafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String bootstrap = SharedBroker.get().bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "quarkus.kafka-streams.bootstrap-servers", bootstrap,
                "quarkus.kafka.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        // The broker is shared by every test class in this JVM; a shutdown hook stops it.
    }
}
