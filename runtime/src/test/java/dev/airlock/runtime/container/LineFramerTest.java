package dev.airlock.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {

    private final List<String> lines = new ArrayList<>();
    private final List<LineFramer.Oversized> dropped = new ArrayList<>();
    private final LineFramer framer =
            new LineFramer(1000, line -> lines.add(new String(line, StandardCharsets.UTF_8)), dropped::add);

    @Test
    void splitsOnNewlinesWhateverTheChunking() {
        feed("{\"a\":1}\n{\"b\"");
        feed(":2}\r\n\n{\"c\":3}");
        feed("\n");

        assertThat(lines).containsExactly("{\"a\":1}", "{\"b\":2}", "{\"c\":3}");
        assertThat(dropped).isEmpty();
    }

    @Test
    void dropsAnOversizedLineWholeAndKeepsItsEndsThenCarriesOn() {
        String big = "{\"result\":\"" + "x".repeat(3000) + "\",\"id\":42}";
        feed("{\"before\":1}\n" + big.substring(0, 700));
        feed(big.substring(700, 2500));
        feed(big.substring(2500) + "\n{\"after\":2}\n");

        assertThat(lines).containsExactly("{\"before\":1}", "{\"after\":2}");
        assertThat(dropped).singleElement().satisfies(d -> {
            assertThat(d.size()).isEqualTo(big.length());
            assertThat(new String(d.head(), StandardCharsets.UTF_8)).isEqualTo(big.substring(0, LineFramer.KEPT_ENDS));
            assertThat(new String(d.tail(), StandardCharsets.UTF_8))
                    .isEqualTo(big.substring(big.length() - LineFramer.KEPT_ENDS));
        });
    }

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        framer.feed(bytes, 0, bytes.length);
    }
}
