package dev.airlock.runtime.settings;

import dev.airlock.runtime.json.Json;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Linux: a JSON object in {@code /etc/airlock/policy.json}, written by the admin's tooling. */
public final class LinuxPolicyFile implements ManagedSource {

    public static final Path DEFAULT_LOCATION = Path.of("/etc/airlock/policy.json");

    private final Path file;

    public LinuxPolicyFile(Path file) {
        this.file = file;
    }

    @Override
    public String description() {
        return file.toString();
    }

    @Override
    public Optional<ObjectNode> read() throws SettingsSourceException {
        Optional<byte[]> bytes = PolicyFiles.read(file, "The policy file");
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = Json.mapper().readTree(bytes.get());
            if (tree == null || !tree.isObject()) {
                throw new SettingsSourceException("The policy file " + file + " must hold one JSON object { ... }.");
            }
            return Optional.of((ObjectNode) tree);
        } catch (JacksonException e) {
            throw new SettingsSourceException(
                    "The policy file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
