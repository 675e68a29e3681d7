package dev.airlock.runtime.container;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The container's stdin as docker-java reads it: messages queued by any thread, read by the
 * engine's stdin pump. Unlike {@link java.io.PipedInputStream} it has no notion of a single writer
 * thread, so messages from many short-lived request threads are fine.
 */
final class StdinPipe extends InputStream {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private byte[] current;
    private int position;
    private volatile boolean closed;

    /** Queues one whole message; messages never interleave. Returns false once closed. */
    boolean offer(byte[] message) {
        if (closed) {
            return false;
        }
        queue.add(message);
        return true;
    }

    @Override
    public int read() throws java.io.InterruptedIOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) throws java.io.InterruptedIOException {
        if (count == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < count) {
            if (current == null || position == current.length) {
                // block for the first bytes only; after that, hand over what is ready
                byte[] next = copied == 0 ? take() : queue.poll();
                if (next == null) {
                    break;
                }
                if (next == END) {
                    queue.add(END); // stay at end for later reads
                    return copied == 0 ? -1 : copied;
                }
                current = next;
                position = 0;
            }
            int n = Math.min(count - copied, current.length - position);
            System.arraycopy(current, position, target, offset + copied, n);
            position += n;
            copied += n;
        }
        return copied;
    }

    private byte[] take() throws java.io.InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for stdin");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.add(END);
        }
    }
}
