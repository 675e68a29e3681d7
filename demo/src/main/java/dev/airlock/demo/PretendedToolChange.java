package dev.airlock.demo;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes Airlock believe that a tool changed since the user last used it, by editing the record of
 * trusted tools in the state directory, so that the next start of the server shows what a real
 * update would: the tool hidden, its card saying why, and Allow. For the screenshot tour and the
 * window's tests; the server must be off while the record is edited.
 */
public final class PretendedToolChange {

    private PretendedToolChange() {}

    /** Records another description for {@code tool} of {@code server} than the one the server offers. */
    public static void of(Path stateDir, String server, String tool) throws IOException {
        Path record;
        try (var files = Files.walk(StateDirectory.at(stateDir).toolPins())) {
            record = files.filter(file -> file.getFileName().toString().equals(server + ".json"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No trusted tools of " + server + " yet"));
        }
        var trusted = (ObjectNode) Json.mapper().readTree(Files.readString(record));
        var entry = (ObjectNode) trusted.path("tools").path(tool);
        if (entry.isEmpty()) {
            throw new IllegalStateException(server + " has no trusted tool " + tool);
        }
        entry.put("digest", "sha256:" + "0".repeat(64));
        ((ObjectNode) entry.path("parts")).put("description", "sha256:" + "1".repeat(64));
        Files.writeString(record, Json.mapper().writeValueAsString(trusted));
    }
}
