package dev.airlock.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import org.junit.jupiter.api.Test;

class ToolFingerprintTest {

    private static final String SEARCH = """
            {"name":"search","description":"Search issues","title":"Search",
             "inputSchema":{"type":"object","properties":{"q":{"type":"string"}}},
             "annotations":{"readOnlyHint":true},"_meta":{"x":1},"icons":[]}
            """;

    @Test
    void theDigestIsTheSha256OfTheCanonicalPinnedParts() {
        ToolFingerprint fingerprint = ToolFingerprint.of(Json.mapper().readTree(SEARCH));
        String canonical = "{\"annotations\":{\"readOnlyHint\":true},\"description\":\"Search issues\","
                + "\"inputSchema\":{\"properties\":{\"q\":{\"type\":\"string\"}},\"type\":\"object\"},\"name\":\"search\"}";
        assertThat(fingerprint.digest())
                .isEqualTo(ToolFingerprint.sha256(canonical))
                .matches("sha256:[0-9a-f]{64}");
        assertThat(fingerprint.parts()).containsOnlyKeys("name", "description", "inputSchema", "annotations");
    }

    @Test
    void spacingMemberOrderTitleIconsAndMetaDoNotChangeThePin() {
        String reordered = """
                { "inputSchema" : { "properties" : { "q" : { "type" : "string" } }, "type" : "object" },
                  "annotations": {"readOnlyHint": true}, "name": "search", "description": "Search issues",
                  "title": "Find things", "_meta": {"y": 2} }
                """;
        assertThat(ToolFingerprint.of(Json.mapper().readTree(reordered)).digest())
                .isEqualTo(ToolFingerprint.of(Json.mapper().readTree(SEARCH)).digest());
    }

    @Test
    void changedPartsAreNamed() {
        ToolFingerprint before = ToolFingerprint.of(Json.mapper().readTree(SEARCH));
        ToolFingerprint after = ToolFingerprint.of(Json.mapper()
                .readTree(SEARCH.replace("Search issues", "Search")
                        .replace("\"readOnlyHint\":true", "\"readOnlyHint\":false")));
        assertThat(after.digest()).isNotEqualTo(before.digest());
        assertThat(after.changedSince(before)).containsExactly("description", "annotations");
        ToolFingerprint withOutput = ToolFingerprint.of(Json.mapper()
                .readTree(SEARCH.replace("\"_meta\"", "\"outputSchema\":{\"type\":\"object\"},\"_meta\"")));
        assertThat(withOutput.changedSince(before)).containsExactly("outputSchema");
    }
}
