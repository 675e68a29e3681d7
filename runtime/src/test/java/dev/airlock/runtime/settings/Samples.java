package dev.airlock.runtime.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample policies next to this class: captured reg output, property lists, policy files. */
final class Samples {

    private Samples() {}

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static Path copy(String name, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, bytes(name));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, content);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
