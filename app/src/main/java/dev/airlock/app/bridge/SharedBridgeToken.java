package dev.airlock.app.bridge;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The gateway token that every bridge with the same client name shares, kept in the state
 * directory (owner-only, like the control socket that could issue one anyway). Issuing a token
 * revokes the name's earlier one, so two bridges that each issued their own would keep locking each
 * other out; sharing one file, under a file lock, they issue a new token only when the shared one
 * was refused.
 */
final class SharedBridgeToken {

    /** Issues a new token for the name; the running Airlock revokes the earlier one. */
    @FunctionalInterface
    interface Issuer {
        String issue(String clientName) throws EndpointException;
    }

    private final Path directory;
    private final String clientName;
    private final Issuer issuer;

    /** @param directory where the tokens live: {@code bridge-tokens} in the state directory */
    SharedBridgeToken(Path directory, String clientName, Issuer issuer) {
        this.directory = directory;
        this.clientName = clientName;
        this.issuer = issuer;
    }

    /**
     * The shared token: the stored one, unless it is the one the gateway just refused, in which case
     * another bridge may have replaced it already, or a new one is issued and stored.
     *
     * @param refused the token the gateway refused, or null
     */
    String token(String refused) throws EndpointException {
        try {
            createPrivateDirectory();
            Path lockFile = directory.resolve(clientName + ".lock");
            Path tokenFile = directory.resolve(clientName + ".token");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                String stored = Files.exists(tokenFile)
                        ? Files.readString(tokenFile, StandardCharsets.UTF_8).strip()
                        : "";
                if (!stored.isEmpty() && !stored.equals(refused)) {
                    return stored;
                }
                String issued = issuer.issue(clientName);
                writePrivately(tokenFile, issued);
                return issued;
            }
        } catch (IOException e) {
            throw new EndpointException(
                    "The bridge cannot keep its gateway token in " + directory + ": " + e.getMessage(), false);
        }
    }

    private void createPrivateDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Files.createDirectories(directory);
        if (posix()) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static void writePrivately(Path file, String token) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, token, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
