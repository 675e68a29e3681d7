package dev.airlock.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedToolsTest {

    @TempDir
    Path pins;

    private final ToolFingerprint search =
            ToolFingerprint.of(Json.mapper().readTree("{\"name\":\"search\",\"description\":\"a\"}"));
    private final ToolFingerprint fetch =
            ToolFingerprint.of(Json.mapper().readTree("{\"name\":\"fetch\",\"description\":\"b\"}"));

    @Test
    void whatIsTrustedIsThereNextTimeForThatUserAndServerOnly() {
        TrustedTools first = TrustedTools.load(pins, "alice@example.com", "github");
        assertThat(first.firstUse()).isTrue();
        first.trust(Map.of("search", search));
        assertThat(first.firstUse()).isFalse();

        TrustedTools again = TrustedTools.load(pins, "alice@example.com", "github");
        assertThat(again.firstUse()).isFalse();
        assertThat(again.get("search")).contains(search);
        assertThat(again.problem()).isEmpty();
        assertThat(TrustedTools.load(pins, "bob@example.com", "github").firstUse())
                .isTrue();
        assertThat(TrustedTools.load(pins, "alice@example.com", "jira").firstUse())
                .isTrue();
    }

    @Test
    void aDamagedFileFallsBackToItsBackupAndIsKeptAside() throws IOException {
        TrustedTools record = TrustedTools.load(pins, "alice", "github");
        record.trust(Map.of("search", search));
        record.trust(Map.of("fetch", fetch)); // the first save is now the backup
        Path file = onlyFile("github.json");
        Files.writeString(file, "{\"version\":1,\"tools\":{\"search\":");
        TrustedTools jira = TrustedTools.load(pins, "alice", "jira");
        jira.trust(Map.of("search", search));

        TrustedTools reloaded = TrustedTools.load(pins, "alice", "github");
        assertThat(reloaded.get("search")).contains(search);
        assertThat(reloaded.get("fetch")).isEmpty();
        assertThat(reloaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("need your approval again"));
        assertThat(file.resolveSibling("github.json.corrupt")).hasContent("{\"version\":1,\"tools\":{\"search\":");
        assertThat(TrustedTools.load(pins, "alice", "jira").get("search")).contains(search);
    }

    @Test
    void aDamagedFileWithoutBackupStartsEmptyButNotAsAFirstUse() throws IOException {
        TrustedTools.load(pins, "alice", "github").trust(Map.of("search", search));
        Path file = onlyFile("github.json");
        Files.writeString(file, "not json");

        TrustedTools reloaded = TrustedTools.load(pins, "alice", "github");
        assertThat(reloaded.firstUse()).isFalse();
        assertThat(reloaded.all()).isEmpty();
        assertThat(reloaded.problem()).hasValueSatisfying(p -> assertThat(p).contains("asks you again"));
        reloaded.trust(Map.of("fetch", fetch));
        assertThat(TrustedTools.load(pins, "alice", "github").all()).containsOnlyKeys("fetch");
    }

    @Test
    void aWrongShapeCountsAsDamaged() throws IOException {
        TrustedTools.load(pins, "alice", "github").trust(Map.of("search", search));
        Files.writeString(onlyFile("github.json"), "{\"version\":1,\"tools\":{\"search\":{\"digest\":7}}}");
        assertThat(TrustedTools.load(pins, "alice", "github").problem()).isPresent();
    }

    private Path onlyFile(String name) throws IOException {
        try (var files = Files.walk(pins)) {
            List<Path> found =
                    files.filter(p -> p.getFileName().toString().equals(name)).toList();
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }
}
