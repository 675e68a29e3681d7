package dev.airlock.runtime.company;

import dev.airlock.runtime.auth.SignedInUser;
import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * Who signed in last (id, name, roles; never a token), so that Airlock can show that person's saved
 * catalog at start, before the company can be reached. Forgotten on sign-out.
 */
public final class LastUser {

    private static final Logger LOG = LoggerFactory.getLogger(LastUser.class);

    /** What is remembered. */
    public record Known(String subject, String name, Set<String> roles) {}

    private final Path file;

    public LastUser(Path file) {
        this.file = file;
    }

    public Optional<Known> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), Known.class));
        } catch (JacksonException e) {
            LOG.warn("Ignoring the unreadable {}", file);
            return Optional.empty();
        }
    }

    void save(SignedInUser user) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.mapper().writeValue(tmp.toFile(), new Known(user.subject(), user.name(), user.roles()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | JacksonException e) {
            LOG.warn("Could not remember the signed-in user in {}: {}", file, e.getMessage());
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
