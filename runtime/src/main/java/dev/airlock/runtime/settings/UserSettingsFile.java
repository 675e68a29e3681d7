package dev.airlock.runtime.settings;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The user's own settings: a JSON object in the state directory, names as in {@link SettingKey}.
 * Written whole to a temporary file and moved into place, so a crash never leaves half a file;
 * readable by its owner only. Names this version does not know are kept, so a newer Airlock's
 * settings survive a downgrade.
 */
final class UserSettingsFile {

    private final Path file;

    UserSettingsFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * @return empty when there is no file yet
     * @throws SettingsSourceException when the file exists but is not a JSON object
     */
    Optional<ObjectNode> read() throws SettingsSourceException {
        Optional<byte[]> bytes = PolicyFiles.read(file, "Your settings file");
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = Json.mapper().readTree(bytes.get());
            if (tree != null && tree.isObject()) {
                return Optional.of((ObjectNode) tree);
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new SettingsSourceException("Your settings file " + file + " is damaged; Airlock uses its defaults.");
    }

    void write(ObjectNode settings) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, ownerOnly()); // private from the first byte, not after
            Files.write(tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(settings));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Airlock could not save your settings to " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0]; // Windows: the file inherits the user profile's ACL
    }
}
