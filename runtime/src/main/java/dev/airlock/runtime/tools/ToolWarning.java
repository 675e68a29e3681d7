package dev.airlock.runtime.tools;

/**
 * Something in a tool's definition that looks like an attack on the AI rather than help for it.
 *
 * @param kind what was found
 * @param tool the tool's name as the server gave it
 * @param where the part of the definition, such as {@code description} or {@code
 *     inputSchema.properties.path.description}
 * @param sentence one sentence for the server's card, in words a non-engineer understands
 */
public record ToolWarning(Kind kind, String tool, String where, String sentence) {

    public enum Kind {
        /** Text that gives the AI orders: to ignore its instructions, keep secrets from the user, use other tools. */
        HIDDEN_INSTRUCTION,
        /** A key or credential file, such as {@code ~/.ssh/id_rsa} or {@code .aws/credentials}. */
        CREDENTIAL_REFERENCE,
        /** Characters a person does not see but the AI reads: Unicode tags, zero-width, bidi controls. */
        INVISIBLE_CHARACTERS
    }
}
