package dev.airlock.runtime.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShortNamesTest {

    @Test
    void shortNameIsThePartAfterTheSlashLowerCased() {
        assertThat(ShortNames.assign(List.of("io.github.acme/Weather", "com.example/git_hub.v2")))
                .containsExactly("weather", "git_hub.v2");
    }

    @Test
    void bothCollidingEntriesTakeTheirNamespace() {
        assertThat(ShortNames.assign(
                        List.of("io.github.acme/weather", "com.example/notes", "io.github.globex/weather")))
                .containsExactly("acme-weather", "notes", "globex-weather");
    }

    @Test
    void collisionsThatRemainAreNumberedInRegistryOrder() {
        assertThat(ShortNames.assign(List.of("io.github.acme/weather", "com.acme/weather", "org.acme/Weather")))
                .containsExactly("acme-weather", "acme-weather-2", "acme-weather-3");
    }

    @Test
    void aNumberedNameNeverTakesOneAnotherEntryHolds() {
        assertThat(ShortNames.assign(List.of("a.x/tool", "b.x/tool", "c.example/x-tool-2")))
                .containsExactly("x-tool", "x-tool-3", "x-tool-2");
    }

    @Test
    void aServerListedTwiceDoesNotRenameItsFirstListing() {
        assertThat(ShortNames.assign(List.of("io.github.acme/weather", "com.example/notes", "io.github.acme/weather")))
                .containsExactly("weather", "notes", "weather-2");
    }

    @Test
    void placeholdersForNamelessEntriesKeepTheirName() {
        assertThat(ShortNames.assign(List.of("unnamed-1", "io.github.acme/unnamed-1")))
                .containsExactly("unnamed-1", "acme-unnamed-1");
    }
}
