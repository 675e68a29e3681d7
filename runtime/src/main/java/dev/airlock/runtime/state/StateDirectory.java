package dev.airlock.runtime.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * The one directory that holds everything an Airlock instance writes: its control socket, lock,
 * logs and state. Tests and several instances each get their own, so they never share state.
 */
public final class StateDirectory {

    public static final String ENV = "AIRLOCK_STATE_DIR";

    private final Path root;

    private StateDirectory(Path root) {
        this.root = root;
    }

    /**
     * The directory named on the command line, else in {@code AIRLOCK_STATE_DIR}, else the
     * platform's usual place for per-user application state.
     */
    public static StateDirectory resolve(Path fromCommandLine, Map<String, String> env) {
        if (fromCommandLine != null) {
            return new StateDirectory(fromCommandLine.toAbsolutePath().normalize());
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new StateDirectory(Path.of(fromEnv).toAbsolutePath().normalize());
        }
        return new StateDirectory(platformDefault(env));
    }

    public static StateDirectory at(Path root) {
        return new StateDirectory(root.toAbsolutePath().normalize());
    }

    private static Path platformDefault(Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local")).resolve("Airlock");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("Airlock");
        }
        String xdg = env.get("XDG_STATE_HOME");
        return (xdg != null && !xdg.isBlank()
                        ? Path.of(xdg)
                        : home.resolve(".local").resolve("state"))
                .resolve("airlock");
    }

    /** Creates the directory if needed, readable only by its owner where the file system allows. */
    public StateDirectory create() {
        try {
            Files.createDirectories(root);
            restrictToOwner(root);
            Files.createDirectories(logs());
            restrictToOwner(logs());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state directory " + root, e);
        }
    }

    private static void restrictToOwner(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    public Path root() {
        return root;
    }

    /** The control socket the CLI talks to the running instance over. */
    public Path controlSocket() {
        return root.resolve("control.sock");
    }

    /** Held by the running instance: one engine per state directory. */
    public Path lockFile() {
        return root.resolve("instance.lock");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** The stderr of one server, kept for troubleshooting. */
    public Path serverLog(String shortName) {
        return logs().resolve("server-" + shortName + ".log");
    }

    /** Hashes of the gateway tokens issued to AI apps (never the tokens). */
    public Path clientTokens() {
        return root.resolve("client-tokens.json");
    }

    /** Who signed in last (no tokens): to show their saved catalog at start, before the company answers. */
    public Path lastUser() {
        return root.resolve("last-user.json");
    }

    /** The servers the user turned on, started again with the engine. */
    public Path enabledServers() {
        return root.resolve("enabled-servers.json");
    }

    /** The tool definitions each user trusted on first use, one file per user and server. */
    public Path toolPins() {
        return root.resolve("tool-pins");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
