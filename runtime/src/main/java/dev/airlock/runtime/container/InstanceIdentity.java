package dev.airlock.runtime.container;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Who owns a container: the engine instance that made it (new on every start) and the state
 * directory it belongs to (the same across restarts). Both go on every container as labels so that
 * a restarted instance finds what a dead one left behind.
 */
public record InstanceIdentity(String instanceId, String owner, Path stateDir) {

    public static InstanceIdentity newInstance(Path stateDir) {
        return new InstanceIdentity(UUID.randomUUID().toString(), ownerOf(stateDir), stateDir);
    }

    /** A short stable digest of the state directory's path. */
    static String ownerOf(Path stateDir) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
