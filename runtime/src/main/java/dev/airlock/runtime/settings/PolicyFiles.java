package dev.airlock.runtime.settings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reading a settings file with a size limit: a policy is a few hundred bytes, never megabytes. */
final class PolicyFiles {

    static final int MAX_BYTES = 1024 * 1024;

    private PolicyFiles() {}

    /** The file's bytes; empty when there is no such file. */
    static Optional<byte[]> read(Path file, String what) throws SettingsSourceException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new SettingsSourceException("%s %s is larger than %d KB; Airlock does not read it."
                        .formatted(what, file, MAX_BYTES / 1024));
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SettingsSourceException("%s %s cannot be read: %s".formatted(what, file, e.getMessage()), e);
        }
    }
}
