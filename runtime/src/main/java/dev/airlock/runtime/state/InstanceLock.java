package dev.airlock.runtime.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock that makes one engine the owner of a state directory. The operating system releases it
 * when the process dies, however it dies, so a lock that can be taken means no live owner.
 */
public final class InstanceLock implements AutoCloseable {

    /*
     * Lock files this JVM holds. Probing one of them must not open and close a second channel: on
     * POSIX systems closing any descriptor of a file drops every lock the process holds on it.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the state directory's lock.
     *
     * @throws AlreadyRunningException when another live instance holds it
     */
    public static InstanceLock acquire(StateDirectory dir) throws IOException, AlreadyRunningException {
        Path file = dir.lockFile().toAbsolutePath().normalize();
        if (HELD_HERE.contains(file)) {
            throw new AlreadyRunningException(dir.root());
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new AlreadyRunningException(dir.root());
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(
                String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
        channel.force(false);
        HELD_HERE.add(file);
        return new InstanceLock(file, channel, lock);
    }

    /** Whether a live process holds the lock file of the given state directory. */
    public static boolean isHeld(Path stateDir) {
        Path file = StateDirectory.at(stateDir).lockFile().toAbsolutePath().normalize();
        if (HELD_HERE.contains(file)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return true; // when in doubt, treat it as alive: sweeping a live instance's containers is worse
        }
    }

    @Override
    public void close() throws IOException {
        HELD_HERE.remove(file);
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
