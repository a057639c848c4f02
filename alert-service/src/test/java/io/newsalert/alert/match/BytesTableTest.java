package io.newsalert.alert.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The candidate index's term table against a HashMap, through growth, removals (probe runs shifted back), shrinking and churn. */
class BytesTableTest {

    @Test
    void findsExactlyWhatAHashMapFindsThroughAddsAndRemoves() {
        BytesTable<String> table = new BytesTable<>();
        Map<String, String> reference = new HashMap<>();
        Random random = new Random(3);
        for (int step = 0; step < 200_000; step++) {
            // Few distinct keys, so that adds and removes of the same keys interleave and probe runs collide.
            String key = "t" + random.nextInt(5_000);
            if (random.nextInt(3) == 0) {
                table.remove(new BytesRef(key));
                reference.remove(key);
            } else {
                String value = table.computeIfAbsent(new BytesRef(key), k -> "v" + k.utf8ToString());
                assertThat(value).isEqualTo(reference.computeIfAbsent(key, k -> "vt" + k.substring(1)));
            }
            if (step % 1000 == 0) {
                for (int k = 0; k < 5_000; k++) {
                    assertThat(table.get(new BytesRef("t" + k))).as("t%d at step %d", k, step).isEqualTo(reference.get("t" + k));
                }
                assertThat(table.size()).isEqualTo(reference.size());
            }
        }
        reference.keySet().forEach(k -> table.remove(new BytesRef(k)));
        assertThat(table.size()).isZero();
        assertThat(table.get(new BytesRef("t1"))).isNull();
    }

    @Test
    void keysAddedAndRemovedAgainAndAgainAtOneSizeDoNotGrowTheTable() {
        BytesTable<String> table = new BytesTable<>();
        for (int k = 0; k < 1_000; k++) {
            table.computeIfAbsent(new BytesRef("kept" + k), b -> "kept");
        }
        int bytes = table.keyBytes();
        // An edited subscription: its old terms go, its new ones come, a million times over.
        for (int round = 0; round < 1_000_000; round++) {
            table.computeIfAbsent(new BytesRef("edit" + round), b -> "new");
            table.remove(new BytesRef("edit" + round));
        }
        assertThat(table.size()).isEqualTo(1_000);
        assertThat(table.keyBytes()).isLessThan(4 * bytes);
        for (int k = 0; k < 1_000; k++) {
            assertThat(table.get(new BytesRef("kept" + k))).isEqualTo("kept");
        }
        assertThat(table.get(new BytesRef("edit999999"))).isNull();
    }

    @Test
    void looksUpBySliceOfALongerArray() {
        BytesTable<Integer> table = new BytesTable<>();
        table.computeIfAbsent(new BytesRef("regier"), k -> 1);
        byte[] longer = "regierung".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(table.get(new BytesRef(longer, 0, 6))).isEqualTo(1);
        assertThat(table.get(new BytesRef(longer, 0, 7))).isNull();
    }
}
