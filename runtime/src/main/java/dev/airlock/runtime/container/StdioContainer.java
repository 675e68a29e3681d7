package dev.airlock.runtime.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server container whose stdin and stdout carry newline-delimited JSON-RPC. Stderr goes
 * to the server's log. The listener hears every message, and once, when the container has gone.
 */
public final class StdioContainer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StdioContainer.class);

    /** Messages larger than this from a server are dropped (and logged) rather than buffered. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** Hears a server's messages and its end. Called on the engine's stream thread: return quickly. */
    public interface Listener {
        void onMessage(byte[] line);

        /** A message over {@link #MAX_MESSAGE_BYTES} was dropped; its first and last bytes are given. */
        void onOversized(long size, byte[] head, byte[] tail);

        /** The container is gone. Called once; {@code requested} when {@link #close()} ended it. */
        void onClosed(boolean requested, String reason);
    }

    private final DockerClient client;
    private final String id;
    private final String name;
    private final ContainerSpec spec;
    private final StdinPipe stdin = new StdinPipe();
    private final ServerLog log;
    private final Listener listener;
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile Closeable attachment;

    StdioContainer(DockerClient client, String id, ContainerSpec spec, Path stderrLog, Listener listener) {
        this.client = client;
        this.id = id;
        this.name = spec.name();
        this.spec = spec;
        this.log = new ServerLog(stderrLog);
        this.listener = listener;
    }

    public String id() {
        return id;
    }

    public Path logFile() {
        return log.file();
    }

    /** The last lines the server wrote to stderr. */
    public List<String> recentErrorOutput() {
        return log.tail();
    }

    /** Sends one message (without its newline). Returns false when the container is gone. */
    public boolean send(byte[] message) {
        byte[] framed = new byte[message.length + 1];
        System.arraycopy(message, 0, framed, 0, message.length);
        framed[message.length] = '\n';
        return !finished.get() && stdin.offer(framed);
    }

    StdinPipe stdin() {
        return stdin;
    }

    /** The callback that receives the attach stream. */
    ResultCallback.Adapter<Frame> attachCallback() {
        var framer = new LineFramer(MAX_MESSAGE_BYTES, listener::onMessage, dropped -> {
            LOG.warn("Server {} sent a message of {} bytes, over the limit; dropped it", name, dropped.size());
            listener.onOversized(dropped.size(), dropped.head(), dropped.tail());
        });
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                switch (frame.getStreamType()) {
                    case STDOUT, RAW -> framer.feed(payload, 0, payload.length);
                    case STDERR -> log.write(payload);
                    default -> {}
                }
            }

            @Override
            public void onError(Throwable throwable) {
                LOG.debug("Attach stream of {} failed", name, throwable);
                finish();
            }

            @Override
            public void onComplete() {
                finish();
            }
        };
    }

    void attached(Closeable attachment) {
        this.attachment = attachment;
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        stdin.close();
        log.close();
        boolean requested = closeRequested.get();
        String reason = requested ? "it was turned off" : describeExit();
        // first the waiting calls learn of it, then the container goes: nothing stays behind
        listener.onClosed(requested, reason);
        if (!requested) {
            remove();
        }
    }

    /** Why the container ended, in words for people. */
    private String describeExit() {
        try {
            InspectContainerResponse.ContainerState state =
                    client.inspectContainerCmd(id).exec().getState();
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                return "it ran out of memory (its limit is %d MB)"
                        .formatted(spec.resources().memoryMb());
            }
            Long code = state.getExitCodeLong();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return "its output stream closed";
            }
            return code == null ? "it stopped" : "it stopped with exit code " + code;
        } catch (NotFoundException e) {
            return "its container was removed";
        } catch (RuntimeException e) {
            return "the container engine stopped answering";
        }
    }

    /** Stops and removes the container. Safe to call more than once. */
    @Override
    public void close() {
        if (!closeRequested.compareAndSet(false, true)) {
            return;
        }
        remove();
        closeAttachment();
        finish();
    }

    private void remove() {
        try {
            client.removeContainerCmd(id)
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
        } catch (NotFoundException e) {
            LOG.debug("Container {} was already gone", name);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove container {} ({}): {}", name, id, e.getMessage());
        }
    }

    private void closeAttachment() {
        Closeable current = attachment;
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing the attach stream of {} failed", name, e);
            }
        }
    }
}
