package dev.airlock.runtime.tools;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tool definitions one user has trusted on one server (trust on first use), kept in the state
 * directory as {@code tool-pins/<user>/<server>.json}. One file per user and server, so that a
 * damaged file costs at most that server's record and never another's.
 *
 * <p>Every save is atomic (a temporary file moved over the old one) and keeps the previous file as
 * {@code .bak}. A file that cannot be read is kept as {@code .corrupt} for support, the backup is
 * used if it reads, and otherwise the record starts empty — but not as a first use: every tool then
 * waits for the user's approval, so a damaged file can never make Airlock trust a changed tool.
 */
public final class TrustedTools {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedTools.class);
    private static final Pattern SERVER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final int VERSION = 1;

    private final Path file;
    private final Map<String, ToolFingerprint> tools = new LinkedHashMap<>();
    private boolean firstUse;
    private final String problem;

    private TrustedTools(Path file, Map<String, ToolFingerprint> tools, boolean firstUse, String problem) {
        this.file = file;
        this.tools.putAll(tools);
        this.firstUse = firstUse;
        this.problem = problem;
    }

    /**
     * The record of {@code server} for {@code userId}, under {@code directory} (the state
     * directory's {@code toolPins()}); never throws for a damaged file.
     */
    public static TrustedTools load(Path directory, String userId, String server) {
        if (!SERVER.matcher(server).matches()) {
            throw new IllegalArgumentException("Not a server short name: " + server);
        }
        // The user id may hold any character; a hash of it is a safe directory name.
        String user = ToolFingerprint.sha256(userId).substring("sha256:".length(), "sha256:".length() + 32);
        Path file = directory.resolve(user).resolve(server + ".json");
        if (!Files.exists(file)) {
            return new TrustedTools(file, Map.of(), true, null);
        }
        try {
            return new TrustedTools(file, read(file), false, null);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            LOG.warn("The trusted tools of {} in {} cannot be read: {}", server, file, e.getMessage());
            keepCorrupt(file);
            Path backup = backup(file);
            String problem = "Airlock could not read its record of the tools you trusted on this server,"
                    + " so it asks you again before each tool is used.";
            if (Files.exists(backup)) {
                try {
                    Map<String, ToolFingerprint> saved = read(backup);
                    return new TrustedTools(
                            file,
                            saved,
                            false,
                            "Airlock could not read its latest record of the tools you trusted on this server"
                                    + " and used the one before it; tools approved since then need your approval again.");
                } catch (IOException | JacksonException | IllegalArgumentException again) {
                    LOG.warn("Its backup {} cannot be read either: {}", backup, again.getMessage());
                }
            }
            return new TrustedTools(file, Map.of(), false, problem);
        }
    }

    private static Map<String, ToolFingerprint> read(Path file) throws IOException {
        JsonNode root = Json.mapper().readTree(Files.readString(file));
        if (!root.isObject()
                || root.path("version").asInt(0) != VERSION
                || !root.path("tools").isObject()) {
            throw new IllegalArgumentException("not a version " + VERSION + " record");
        }
        Map<String, ToolFingerprint> tools = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> tool : root.path("tools").properties()) {
            JsonNode digest = tool.getValue().path("digest");
            JsonNode parts = tool.getValue().path("parts");
            if (!digest.isString() || !parts.isObject()) {
                throw new IllegalArgumentException("tool '" + tool.getKey() + "' has no digest");
            }
            Map<String, String> partDigests = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> part : parts.properties()) {
                partDigests.put(part.getKey(), part.getValue().asString());
            }
            tools.put(tool.getKey(), new ToolFingerprint(digest.asString(), partDigests));
        }
        return tools;
    }

    /**
     * A record kept in memory only, starting as a first use: for a gateway without a state
     * directory (tests, tools), where trust lasts as long as the process.
     */
    public static TrustedTools inMemory() {
        return new TrustedTools(null, Map.of(), true, null);
    }

    /** True when the user has never used this server: its tools are trusted as they are now. */
    public synchronized boolean firstUse() {
        return firstUse;
    }

    /** A sentence for the user when the saved record was damaged; empty when all is well. */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    public synchronized Optional<ToolFingerprint> get(String tool) {
        return Optional.ofNullable(tools.get(tool));
    }

    /** Everything trusted so far, by tool name. */
    public synchronized Map<String, ToolFingerprint> all() {
        return Map.copyOf(tools);
    }

    /** Records {@code fingerprints} as trusted and saves the record. */
    public synchronized void trust(Map<String, ToolFingerprint> fingerprints) {
        tools.putAll(fingerprints);
        firstUse = false;
        save();
    }

    private void save() {
        if (file == null) {
            return; // in memory only
        }
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", VERSION);
        ObjectNode all = root.putObject("tools");
        tools.forEach((name, fingerprint) -> {
            ObjectNode tool = all.putObject(name);
            tool.put("digest", fingerprint.digest());
            ObjectNode parts = tool.putObject("parts");
            fingerprint.parts().forEach(parts::put);
        });
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                Files.copy(file, backup(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(
                    tmp, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the trusted tools to " + file, e);
        }
    }

    private static Path backup(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    private static void keepCorrupt(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Could not set the unreadable {} aside: {}", file, e.getMessage());
        }
    }
}
