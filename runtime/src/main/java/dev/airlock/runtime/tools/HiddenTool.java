package dev.airlock.runtime.tools;

/**
 * A tool the server offers that the AI app does not get to see, and why.
 *
 * @param tool the tool's name as the server gave it
 * @param reason why it is hidden
 * @param sentence what happened, for a notification or the server's card
 * @param approvable whether the user may approve it with {@link ToolGuard#approve(String)}
 * @param digest the pin of the definition now offered, for an admin to copy into {@code tools.pins};
 *     null when the definition could not be read
 */
public record HiddenTool(String tool, Reason reason, String sentence, boolean approvable, String digest) {

    public enum Reason {
        /** The company's {@code tools.allow} does not list it. */
        NOT_ALLOWED,
        /** Its definition is not the one the company pinned in {@code tools.pins}. */
        NOT_PINNED,
        /** Its definition changed since the user trusted it. */
        CHANGED,
        /** It looks like a tool the user trusted under another name. */
        RENAMED,
        /** The server added it since the user first used the server. */
        NEW,
        /** The poisoning heuristics found something and the policy says {@code block}. */
        POISONED,
        /** Its inputSchema cannot be compiled safely, so its arguments cannot be checked. */
        SCHEMA_UNUSABLE,
        /** It has no name, or the name is listed twice. */
        MALFORMED
    }
}
