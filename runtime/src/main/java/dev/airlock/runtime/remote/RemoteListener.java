package dev.airlock.runtime.remote;

/** Receives what a remote server sends. Called on the transport's threads. */
public interface RemoteListener {

    /** One JSON-RPC message (not yet parsed: the server is untrusted). */
    void onMessage(byte[] message);

    /** A message over {@link RemoteTransport#MAX_MESSAGE_BYTES} was dropped; its two ends are kept to find its id. */
    void onOversized(long size, byte[] head, byte[] tail);

    /** The server cannot be used any more. Called at most once, and not after {@link RemoteTransport#close()}. */
    void onClosed(RemoteFailure failure);
}
