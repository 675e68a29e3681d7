package dev.airlock.ui.common;

/**
 * Something that went wrong, for people: one sentence with the next step, and the technical detail
 * kept one click away.
 *
 * @param detail for the "Show details" part: codes, paths, what the engine said; may be null
 */
public record Problem(String sentence, String detail) {}
