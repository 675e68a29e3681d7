package dev.airlock.runtime.control;

/**
 * A catalog entry and its current state, as the CLI and the UI show it.
 *
 * @param state one of {@code off}, {@code starting}, {@code running}, {@code failed}, {@code unavailable}
 * @param detail for {@code failed} and {@code unavailable}, the reason in plain words; else null
 * @param url the gateway URL of this server, when it is running; else null
 */
public record ServerView(
        String name,
        String shortName,
        String title,
        String description,
        String version,
        String state,
        String detail,
        String url) {}
