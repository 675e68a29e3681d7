package dev.airlock.runtime.server;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/** The servers the user turned on, kept so that they come back when Airlock starts again. */
final class EnabledServers {

    private static final Logger LOG = LoggerFactory.getLogger(EnabledServers.class);

    private final Path file;
    private final Set<String> names = new LinkedHashSet<>();

    EnabledServers(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                names.addAll(List.of(Json.mapper().readValue(file.toFile(), String[].class)));
            } catch (JacksonException e) {
                LOG.warn("Ignoring the unreadable list of enabled servers in {}", file);
            }
        }
    }

    synchronized List<String> names() {
        return List.copyOf(names);
    }

    synchronized boolean contains(String name) {
        return names.contains(name);
    }

    synchronized void set(String name, boolean enabled) {
        boolean changed = enabled ? names.add(name) : names.remove(name);
        if (changed) {
            save();
        }
    }

    private void save() {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.mapper().writeValue(tmp.toFile(), names);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | JacksonException e) {
            LOG.warn("Could not save the list of enabled servers to {}: {}", file, e.getMessage());
        }
    }
}
