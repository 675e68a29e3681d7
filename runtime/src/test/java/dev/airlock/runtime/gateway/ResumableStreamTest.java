package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.jsonrpc.JsonRpc;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class ResumableStreamTest {

    private static ObjectNode log(String text) {
        ObjectNode params = JsonRpc.object();
        params.put("data", text);
        return JsonRpc.notification("notifications/message", params);
    }

    @Test
    void eventsNameTheirStreamAndTheirPlaceInIt() throws Exception {
        var stream = new ResumableStream(true);

        ResumableStream.Event first = stream.append(log("one"), false);
        stream.append(log("two"), false);

        assertThat(first.text()).startsWith("id: " + stream.id() + ".1\nevent: message\ndata: ");
        ResumableStream.Cursor cursor = ResumableStream.Cursor.parse(stream.id() + ".1");
        assertThat(cursor).isEqualTo(new ResumableStream.Cursor(stream.id(), 1));
        List<ResumableStream.Event> rest = stream.after(cursor.seq(), 0);
        assertThat(rest).extracting(ResumableStream.Event::seq).containsExactly(2L);
        assertThat(rest.getFirst().text()).contains("\"two\"");
    }

    @Test
    void streamsOfVersionsThatCannotResumeHaveNoIds() {
        assertThat(new ResumableStream(false).append(log("one"), false).text()).startsWith("event: message\n");
    }

    @Test
    void onlyTheNewestEventsAreKeptByCountAndBySize() throws Exception {
        var byCount = new ResumableStream(true);
        for (int i = 1; i <= ResumableStream.MAX_EVENTS + 10; i++) {
            byCount.append(log("event " + i), false);
        }
        List<ResumableStream.Event> kept = byCount.after(0, 0);
        assertThat(kept).hasSize(ResumableStream.MAX_EVENTS);
        assertThat(kept.getFirst().seq()).isEqualTo(11);

        var bySize = new ResumableStream(true);
        String big = "x".repeat(300 * 1024);
        for (int i = 0; i < 5; i++) {
            bySize.append(log(big), false);
        }
        List<ResumableStream.Event> fewer = bySize.after(0, 0);
        assertThat(fewer).hasSize(3);
        assertThat(fewer.getLast().seq()).isEqualTo(5);
    }

    @Test
    void anEndedStreamSaysSoAndWaitsForNothing() throws Exception {
        var stream = new ResumableStream(true);
        stream.append(log("answer"), true);

        assertThat(stream.ended()).isTrue();
        assertThat(stream.after(1, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void valuesThatAreNotEventIdsNameNoStream() {
        assertThat(ResumableStream.Cursor.parse(null)).isNull();
        assertThat(ResumableStream.Cursor.parse("no-dot")).isNull();
        assertThat(ResumableStream.Cursor.parse(".5")).isNull();
        assertThat(ResumableStream.Cursor.parse("abc.")).isNull();
        assertThat(ResumableStream.Cursor.parse("abc.-1")).isNull();
        assertThat(ResumableStream.Cursor.parse("abc.x")).isNull();
        assertThat(ResumableStream.Cursor.parse("a".repeat(80) + ".1")).isNull();
    }
}
