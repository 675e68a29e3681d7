package dev.airlock.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgesTest {

    @ParameterizedTest
    @CsvSource({
        "PT-5M, less than a minute ago",
        "PT30S, less than a minute ago",
        "PT1M, 1 minute ago",
        "PT59M59S, 59 minutes ago",
        "PT1H, 1 hour ago",
        "PT2H10M, 2 hours ago",
        "PT47H, 47 hours ago",
        "PT48H, 2 days ago",
        "P30D, 30 days ago"
    })
    void agesReadAsPeopleSayThem(Duration age, String words) {
        assertThat(Ages.ago(age)).isEqualTo(words);
    }
}
