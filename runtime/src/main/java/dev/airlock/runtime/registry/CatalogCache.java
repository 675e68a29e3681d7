package dev.airlock.runtime.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.registry.CacheLoad.Reason;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the last good catalog in the state directory so that Airlock can start without the
 * registry. The catalog decides what runs on this computer, so the file is sealed: an HMAC-SHA256
 * under a random key that lives in the keychain, not beside the file. Whatever cannot be verified
 * is ignored, with a warning, and never used.
 *
 * <p>The file is the seal, a line of JSON about the catalog, and the catalog as the registry sent
 * it; the seal covers everything after its own line.
 */
public final class CatalogCache {

    static final String FILE_NAME = "catalog-cache";
    static final String KEY_NAME = "catalog-cache-key";

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCache.class);
    private static final String HMAC = "HmacSHA256";
    private static final int KEY_BYTES = 32;
    private static final int FORMAT = 1;
    private static final int MAX_SEAL_LINE = 64;
    private static final int MAX_HEADER = 16 * 1024;
    private static final long MAX_FILE = RegistryFileReader.MAX_BYTES + MAX_SEAL_LINE + MAX_HEADER;

    private final Path directory;
    private final Path file;
    private final SecretStore secrets;
    private final SecureRandom random = new SecureRandom();

    /** @param stateDirectory Airlock's state directory; created when missing */
    public CatalogCache(Path stateDirectory, SecretStore secrets) {
        this.directory = stateDirectory;
        this.file = stateDirectory.resolve(FILE_NAME);
        this.secrets = secrets;
    }

    /** Where the cache is kept. */
    public Path file() {
        return file;
    }

    /** Forgets the saved catalog (on sign-out: the next person to sign in must not see it). */
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete the saved catalog {}: {}", file, e.getMessage());
        }
    }

    /** Replaces the saved catalog, atomically, readable by this user only; creates the key on first use. */
    public void save(CachedCatalog cached) throws IOException, SecretStoreException {
        byte[] key = keyForSaving();
        ObjectNode header = Json.mapper().createObjectNode();
        header.put("format", FORMAT);
        header.put("user", cached.userId());
        header.put("fetchedAt", cached.fetchedAt().toString());
        cached.etag().ifPresent(etag -> header.put("etag", etag));
        // Compact JSON escapes line breaks inside strings, so the header is exactly one line.
        byte[] headerLine = (Json.mapper().writeValueAsString(header) + "\n").getBytes(UTF_8);
        byte[] seal =
                (Base64.getEncoder().encodeToString(hmac(key, headerLine, cached.document())) + "\n").getBytes(UTF_8);
        writeAtomically(seal, headerLine, cached.document());
        LOG.debug("Saved the catalog for offline use at {}", file);
    }

    /**
     * The saved catalog of {@code userId}, when there is one and its seal holds; otherwise why not.
     * Every reason but a first start is logged, at WARN unless it is another account's catalog.
     */
    public CacheLoad load(String userId) {
        byte[] bytes;
        try {
            bytes = readBounded();
        } catch (NoSuchFileException e) {
            return new CacheLoad.Absent();
        } catch (IOException e) {
            return ignored(Reason.UNREADABLE, "it cannot be read (" + e.getMessage() + ")", e);
        }
        byte[] key;
        try {
            Optional<byte[]> stored = storedKey();
            if (stored.isEmpty()) {
                return ignored(
                        Reason.KEY_MISSING,
                        "the key that proves it unchanged is missing from " + secrets.description(),
                        null);
            }
            key = stored.get();
        } catch (SecretStoreException | IllegalArgumentException e) {
            return ignored(
                    Reason.KEY_UNAVAILABLE,
                    "the key that proves it unchanged cannot be read from " + secrets.description(),
                    e);
        }
        int sealEnd = indexOf(bytes, 0, MAX_SEAL_LINE);
        if (sealEnd < 0) {
            return ignored(Reason.UNREADABLE, "it is not a catalog saved by Airlock", null);
        }
        byte[] sealed = Arrays.copyOfRange(bytes, sealEnd + 1, bytes.length);
        byte[] seal;
        try {
            seal = Base64.getDecoder().decode(new String(bytes, 0, sealEnd, UTF_8));
        } catch (IllegalArgumentException e) {
            return ignored(Reason.TAMPERED, "it was changed after Airlock saved it (its seal is damaged)", null);
        }
        if (!MessageDigest.isEqual(seal, hmac(key, sealed))) {
            return ignored(Reason.TAMPERED, "it was changed after Airlock saved it (its seal does not match)", null);
        }
        return read(sealed, userId);
    }

    /** Everything here passed the seal, so it is Airlock's own writing; still checked, not assumed. */
    private CacheLoad read(byte[] sealed, String userId) {
        int headerEnd = indexOf(sealed, 0, MAX_HEADER);
        if (headerEnd < 0) {
            return ignored(Reason.UNREADABLE, "it is not a catalog saved by this version of Airlock", null);
        }
        try {
            JsonNode header = Json.mapper().readTree(new String(sealed, 0, headerEnd, UTF_8));
            if (header.path("format").asInt(0) != FORMAT) {
                return ignored(Reason.UNREADABLE, "it was saved by another version of Airlock", null);
            }
            String user = header.path("user").asString("");
            if (!user.equals(userId)) {
                LOG.info("Not using the saved catalog at {}: it belongs to another account", file);
                return new CacheLoad.Ignored(
                        Reason.OTHER_USER, "The saved catalog belongs to another account, so it is not shown.");
            }
            Instant fetchedAt = Instant.parse(header.path("fetchedAt").asString(""));
            Optional<String> etag = Optional.ofNullable(header.get("etag")).map(JsonNode::asString);
            byte[] document = Arrays.copyOfRange(sealed, headerEnd + 1, sealed.length);
            return new CacheLoad.Loaded(new CachedCatalog(document, fetchedAt, etag, user));
        } catch (JacksonException | DateTimeParseException e) {
            return ignored(Reason.UNREADABLE, "its description cannot be read", e);
        }
    }

    private CacheLoad ignored(Reason reason, String why, Throwable cause) {
        String message = "The saved catalog was ignored: " + why + ".";
        if (cause == null) {
            LOG.warn("{} ({})", message, file);
        } else {
            LOG.warn("{} ({})", message, file, cause);
        }
        return new CacheLoad.Ignored(reason, message);
    }

    private byte[] readBounded() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_FILE + 1);
            if (bytes.length > MAX_FILE) {
                throw new IOException("it is larger than a saved catalog can be");
            }
            return bytes;
        }
    }

    private byte[] keyForSaving() throws SecretStoreException {
        try {
            Optional<byte[]> stored = storedKey();
            if (stored.isPresent()) {
                return stored.get();
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("The key that seals the saved catalog is damaged; replacing it");
        }
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        secrets.put(KEY_NAME, Base64.getEncoder().encodeToString(key));
        LOG.info("Created the key that seals the saved catalog, in {}", secrets.description());
        return key;
    }

    /** @throws IllegalArgumentException when the keychain holds something that is not a key */
    private Optional<byte[]> storedKey() throws SecretStoreException {
        Optional<String> stored = secrets.get(KEY_NAME);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        byte[] key = Base64.getDecoder().decode(stored.get());
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the stored key has " + key.length + " bytes");
        }
        return Optional.of(key);
    }

    private void writeAtomically(byte[]... parts) throws IOException {
        Files.createDirectories(directory);
        // Written beside the target and renamed over it: a reader sees the old file or the new one, never half.
        Path temporary = Files.createTempFile(directory, "." + FILE_NAME + "-", ".tmp", ownerOnly());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                for (byte[] part : parts) {
                    ByteBuffer buffer = ByteBuffer.wrap(part);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** 0600 where the file system has POSIX modes; elsewhere the user profile's own access rules apply. */
    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
        }
        return new FileAttribute<?>[0];
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    private static int indexOf(byte[] bytes, int from, int within) {
        for (int i = from; i < Math.min(bytes.length, from + within + 1); i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
