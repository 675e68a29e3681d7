package dev.airlock.runtime.control;

/**
 * A tool of a server that AI apps do not get to see.
 *
 * @param tool its name as the server gives it
 * @param reason why, one of {@code not-allowed}, {@code not-pinned}, {@code changed}, {@code renamed},
 *     {@code new}, {@code poisoned}, {@code schema-unusable}, {@code malformed}
 * @param sentence what happened and what to do, for the user
 * @param approvable whether the user may approve it (a new, changed or renamed tool); the company's
 *     decisions (its allow list, its pins) only the company can change
 * @param digest the pin of the definition the server offers now, for an admin to copy into {@code
 *     tools.pins}; null when it could not be read
 */
public record HiddenToolView(String tool, String reason, String sentence, boolean approvable, String digest) {}
