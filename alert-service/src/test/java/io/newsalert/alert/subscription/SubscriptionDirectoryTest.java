package io.newsalert.alert.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsalert.events.Channel;
import io.newsalert.events.Frequency;
import io.newsalert.events.SchemaVersion;
import io.newsalert.events.Subscription;
import io.newsalert.localkafka.LocalKafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class SubscriptionDirectoryTest {

    @Inject
    SubscriptionDirectory directory;

    @Test
    void writesAreVisibleAtOnceAndListenersHearOfThem() throws Exception {
        assertThat(directory.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        List<String> heard = new CopyOnWriteArrayList<>();
        directory.addListener((id, now) -> heard.add(id + "=" + (now == null ? "deleted" : now.query())));

        String id = "sub-" + UUID.randomUUID();
        Subscription sub = new Subscription(SchemaVersion.CURRENT, id, "owner-1", "Abzug", "Truppenabzug",
                List.of(Channel.webhook("http://localhost:1/hook", "whsec_x")), Frequency.immediate, null,
                List.of(), List.of(), true, Instant.now());
        directory.put(sub);
        assertThat(directory.get(id)).contains(sub);

        directory.put(new Subscription(SchemaVersion.CURRENT, id, "owner-1", "Abzug", "Truppenabzug OR Rückzug",
                sub.channels(), Frequency.immediate, null, List.of(), List.of(), true, sub.created()));
        assertThat(directory.get(id)).get().extracting(Subscription::query).isEqualTo("Truppenabzug OR Rückzug");

        directory.delete(id);
        assertThat(directory.get(id)).isEmpty();
        assertThat(heard).containsSubsequence(id + "=Truppenabzug", id + "=Truppenabzug OR Rückzug", id + "=deleted");
    }
}
