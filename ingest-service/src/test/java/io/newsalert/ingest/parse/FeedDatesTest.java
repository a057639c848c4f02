package io.newsalert.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class FeedDatesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void readsGermanAndOddFormats() {
        assertThat(FeedDates.parse("Mittwoch, 16. Februar 2022 16:46 Uhr", BERLIN))
                .isEqualTo(Instant.parse("2022-02-16T15:46:00Z"));
        assertThat(FeedDates.parse("Do, 03 Mär 2022 10:00:00 MEZ", BERLIN))
                .isEqualTo(Instant.parse("2022-03-03T09:00:00Z"));
        assertThat(FeedDates.parse("16.02.2022 16:46", BERLIN)).isEqualTo(Instant.parse("2022-02-16T15:46:00Z"));
        assertThat(FeedDates.parse("2022-02-16 16:46:00", ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2022-02-16T16:46:00Z"));
        assertThat(FeedDates.parse("2022-02-16T16:46:00", ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2022-02-16T16:46:00Z"));
        assertThat(FeedDates.parse("12 Dezember 2021", BERLIN)).isEqualTo(Instant.parse("2021-12-11T23:00:00Z"));
    }

    @Test
    void junkIsNullNotAnException() {
        assertThat(FeedDates.parse("gestern", BERLIN)).isNull();
        assertThat(FeedDates.parse("", BERLIN)).isNull();
        assertThat(FeedDates.parse(null, BERLIN)).isNull();
        assertThat(FeedDates.parse("31.02.2022 10:00", BERLIN)).isNull();
    }
}
