package dev.airlock.runtime.remote;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-sent events from an untrusted server: the format's rules, and a limit on what is held. */
class SseReaderTest {

    private final List<String> events = new ArrayList<>();
    private final List<String> oversized = new ArrayList<>();

    @Test
    void eventsWithTypesMultiLineDataCommentsAndAnyLineEnding() throws IOException {
        read("""
                : a comment\r
                event: endpoint\r
                data: /message?sessionId=1\r
                \r
                data: {"a":\n\
                data:1}\r\r\
                id: 7
                retry: 100
                data:  two spaces

                data: unfinished""", 1024);

        assertThat(events)
                .containsExactly("endpoint|/message?sessionId=1", "message|{\"a\":\n1}", "message| two spaces");
    }

    @Test
    void anEventWithoutDataIsNotDispatched() throws IOException {
        read("event: endpoint\n\n: only a comment\n\ndata\n\n", 1024);

        // "data" without a colon is a data field with an empty value: an empty event is still an event
        assertThat(events).containsExactly("message|");
    }

    @Test
    void anEventOverTheLimitIsDroppedWithItsEndsKeptAndTheNextOneStillArrives() throws IOException {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":41,\"result\":{\"text\":\"" + "x".repeat(5000) + "\"},\"id\":42}";
        read("data: " + big + "\n\ndata: {\"after\":true}\n\n", 1000);

        assertThat(oversized).hasSize(1);
        String[] parts = oversized.getFirst().split("\\|", -1);
        assertThat(Long.parseLong(parts[0])).isEqualTo(big.length());
        assertThat(parts[1]).startsWith("{\"jsonrpc\":\"2.0\",\"id\":41").hasSize(SseReader.EDGE);
        assertThat(parts[2]).endsWith("\"id\":42}").hasSize(SseReader.EDGE);
        assertThat(events).containsExactly("message|{\"after\":true}");
    }

    @Test
    void manyDataLinesTogetherOverTheLimitAreDroppedToo() throws IOException {
        String line = "data: " + "y".repeat(300) + "\n";
        read(line.repeat(10) + "\n" + "data: ok\n\n", 1000);

        assertThat(oversized).hasSize(1);
        assertThat(Long.parseLong(oversized.getFirst().split("\\|")[0])).isEqualTo(10 * 300 + 9);
        assertThat(events).containsExactly("message|ok");
    }

    @Test
    void exactlyTheLimitIsStillAnEvent() throws IOException {
        read("data: " + "z".repeat(1000) + "\n\n", 1000);

        assertThat(oversized).isEmpty();
        assertThat(events).hasSize(1);
    }

    private void read(String stream, int limit) throws IOException {
        new SseReader(new ByteArrayInputStream(stream.getBytes(UTF_8)), limit).readAll(new SseReader.Handler() {
            @Override
            public void onEvent(SseEvent event) {
                events.add(event.type() + "|" + event.text());
            }

            @Override
            public void onOversized(long size, byte[] head, byte[] tail) {
                oversized.add(size + "|" + new String(head, UTF_8) + "|" + new String(tail, UTF_8));
            }
        });
    }
}
