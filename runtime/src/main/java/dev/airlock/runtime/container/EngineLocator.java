package dev.airlock.runtime.container;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a Docker-compatible engine may be listening, most specific first: {@code DOCKER_HOST}, then
 * the sockets of Docker Engine, Docker Desktop, Podman, Colima, Rancher Desktop and OrbStack.
 */
final class EngineLocator {

    private EngineLocator() {}

    /** The candidate engine addresses, in the order they should be tried. */
    static List<URI> candidates(Map<String, String> env, Path home, String osName) {
        var found = new LinkedHashSet<URI>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            // an explicit choice is the only candidate: silently falling back to another engine would surprise
            return List.of(URI.create(dockerHost.trim()));
        }
        if (osName.toLowerCase(Locale.ROOT).contains("win")) {
            found.add(URI.create("npipe:////./pipe/docker_engine"));
            found.add(URI.create("npipe:////./pipe/podman-machine-default"));
            return List.copyOf(found);
        }
        var sockets = new ArrayList<Path>();
        sockets.add(Path.of("/var/run/docker.sock"));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "docker.sock")); // rootless Docker
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        sockets.add(home.resolve(".docker/run/docker.sock")); // Docker Desktop
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        sockets.add(Path.of("/run/podman/podman.sock"));
        sockets.add(home.resolve(".colima/default/docker.sock"));
        sockets.add(home.resolve(".colima/docker.sock"));
        sockets.add(home.resolve(".rd/docker.sock")); // Rancher Desktop
        sockets.add(home.resolve(".orbstack/run/docker.sock"));
        for (Path socket : sockets) {
            if (Files.exists(socket)) {
                found.add(URI.create("unix://" + socket.toAbsolutePath()));
            }
        }
        return List.copyOf(found);
    }
}
