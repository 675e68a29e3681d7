package dev.airlock.runtime.gateway;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The gateway tokens issued to AI apps, one per named app. Only their SHA-256 digests are stored, so
 * the file cannot be used to call the gateway; issuing a new token for a name replaces the old one.
 */
public final class ClientTokens {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTokens.class);
    private static final String PREFIX = "alk_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");
    private static final int MAX_TOKEN_LENGTH = 128;

    /** One issued token, as stored. */
    record Issued(String name, String sha256, String issuedAt) {}

    private record Stored(int version, List<Issued> clients) {}

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile Map<String, Issued> byDigest;

    public ClientTokens(Path file) {
        this.file = file;
        this.byDigest = load(file);
    }

    /** Whether a name is acceptable for an AI app: letters, digits, space, dot, dash, underscore; 1 to 64. */
    public static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Issues a new token for an AI app. Any earlier token for the same name stops working.
     *
     * @throws IllegalArgumentException when the name is not {@link #validName valid}
     */
    public synchronized String issue(String clientName) {
        if (!validName(clientName)) {
            throw new IllegalArgumentException(
                    "An AI app's name may use letters, digits, spaces, dots, dashes and underscores (at most 64).");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var next = new LinkedHashMap<String, Issued>();
        byDigest.forEach((digest, issued) -> {
            if (!issued.name().equals(clientName)) {
                next.put(digest, issued);
            }
        });
        String digest = digest(token);
        next.put(digest, new Issued(clientName, digest, Instant.now().toString()));
        save(List.copyOf(next.values()));
        byDigest = Map.copyOf(next);
        return token;
    }

    /** The AI app a presented token belongs to, if it is a current token. */
    public Optional<String> authenticate(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Issued issued = byDigest.get(digest(token));
        return Optional.ofNullable(issued).map(Issued::name);
    }

    private static Map<String, Issued> load(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            Stored stored = Json.mapper().readValue(file.toFile(), Stored.class);
            var loaded = new LinkedHashMap<String, Issued>();
            for (Issued issued : stored.clients()) {
                loaded.put(issued.sha256(), issued);
            }
            return Map.copyOf(loaded);
        } catch (JacksonException e) {
            LOG.warn("The AI app tokens in {} cannot be read; apps must be connected again", file);
            return Map.of();
        }
    }

    private void save(List<Issued> clients) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.mapper().writeValueAsString(new Stored(1, clients)));
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save the AI app tokens to " + file + ": " + e.getMessage(), e);
        }
    }

    static String digest(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
