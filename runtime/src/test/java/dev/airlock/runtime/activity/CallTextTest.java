package dev.airlock.runtime.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.jsonrpc.JsonRpc;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CallTextTest {

    @Test
    void aSmallNodeIsItsWholeJsonText() {
        ObjectNode params = JsonRpc.object();
        params.put("name", "echo");
        params.putObject("arguments").put("message", "hi \"there\"");

        assertThat(CallText.json(params))
                .isEqualTo("{\"name\":\"echo\",\"arguments\":{\"message\":\"hi \\\"there\\\"\"}}");
        assertThat(CallText.json(null)).isNull();
    }

    @Test
    void aLargeNodeIsCutAtTheLimitAndSaysSo() {
        ObjectNode params = JsonRpc.object();
        params.put("message", "x".repeat(4 * 1024 * 1024));

        String text = CallText.json(params);

        assertThat(text).hasSize(CallText.MAX_CHARS + CallText.SHORTENED.length());
        assertThat(text).startsWith("{\"message\":\"xxx").endsWith("xxx" + CallText.SHORTENED);
        assertThat(CallText.SHORTENED).isEqualTo("… (shortened)");
    }

    @Test
    void aNodeOfExactlyTheLimitIsKeptWhole() {
        String value = "y".repeat(CallText.MAX_CHARS - 2);

        String text = CallText.json(Json.mapper().getNodeFactory().stringNode(value));

        assertThat(text).hasSize(CallText.MAX_CHARS).isEqualTo("\"" + value + "\"");
    }

    @Test
    void aManyMemberNodeIsCutToo() {
        ObjectNode many = JsonRpc.object();
        for (int i = 0; i < 20_000; i++) {
            many.put("key" + i, i);
        }

        assertThat(CallText.json(many)).startsWith("{\"key0\":0,").endsWith(CallText.SHORTENED);
    }

    @Test
    void shorteningNeverSplitsASurrogatePair() {
        String text = "a".repeat(CallText.MAX_CHARS - 1) + "😀" + "tail";

        String shortened = CallText.shorten(text);

        assertThat(shortened).isEqualTo("a".repeat(CallText.MAX_CHARS - 1) + CallText.SHORTENED);
    }

    @Test
    void shorteningIsIdempotentAndLeavesShortTextsAlone() {
        String once = CallText.shorten("z".repeat(50_000));

        assertThat(CallText.shorten(once)).isSameAs(once);
        assertThat(CallText.shorten("short")).isEqualTo("short");
        assertThat(CallText.shorten(null)).isNull();
    }
}
