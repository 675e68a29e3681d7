package dev.airlock.runtime.server;

import java.util.List;

/** Where one server is in its life. */
public sealed interface ServerState {

    /** Not running, and the user has not asked for it. */
    record Off() implements ServerState {}

    /**
     * Its image or container is being prepared, or it has not answered {@code initialize} yet.
     *
     * @param progress what is happening, for people ("Building: …"); null when there is nothing to say
     */
    record Starting(String progress) implements ServerState {}

    /** Ready: client sessions are served by this connection. */
    record Running(ServerConnection connection) implements ServerState {}

    /** It could not start, or it stopped on its own; the reason is for people. */
    record Failed(String reason) implements ServerState {}

    /** Its catalog entry cannot be run; the reason is for people. */
    record Unavailable(String reason) implements ServerState {}

    /**
     * Turned on, but a secret it requires is not stored yet: it starts once the user stores it.
     *
     * @param missing the environment variables it waits for, such as {@code GITHUB_TOKEN}
     * @param reason for people: "Waiting for your GITHUB_TOKEN (Your GitHub personal access token)."
     */
    record NeedsSecret(List<String> missing, String reason) implements ServerState {
        public NeedsSecret {
            missing = List.copyOf(missing);
        }
    }

    /** The state's name in the CLI and control API. */
    default String label() {
        return switch (this) {
            case Off off -> "off";
            case Starting starting -> "starting";
            case Running running -> "running";
            case Failed failed -> "failed";
            case Unavailable unavailable -> "unavailable";
            case NeedsSecret needsSecret -> "needs-secret";
        };
    }

    default String detail() {
        return switch (this) {
            case Starting starting -> starting.progress();
            case Failed failed -> failed.reason();
            case Unavailable unavailable -> unavailable.reason();
            case NeedsSecret needsSecret -> needsSecret.reason();
            default -> null;
        };
    }
}
