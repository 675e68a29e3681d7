package dev.airlock.runtime.inspection;

import java.util.List;

/**
 * What has to be in a text before a rule's regex runs at all. Regexes are the slow part of scanning,
 * so the scanner finds every rule's triggers in one pass over the text and runs a regex only on a
 * short window around each trigger.
 */
sealed interface Trigger {

    /**
     * Literal words, compared without regard to ASCII case: gitleaks' {@code keywords}, or a literal
     * prefix Airlock took from the regex when a rule has none.
     *
     * @param assignmentAfter the rule only matches where the keyword begins a name that is assigned
     *     ({@code name = value}, {@code "name": "value"}, {@code name => value}): a keyword followed by at
     *     most {@value TextScanner#NAME_TAIL} name characters, a quote, spaces and {@code =} or {@code :}.
     *     Words like "token" and "key" are everywhere in code and prose; this skips the regex where they
     *     are not assigned anything.
     */
    record Keywords(List<String> words, boolean assignmentAfter) implements Trigger {
        public Keywords {
            words = List.copyOf(words);
        }
    }

    /**
     * A run of digits, possibly broken by separators ({@code space - . / ( )}, at most two in a row):
     * cards, phone numbers, SSNs, IPv4 addresses. Most digit runs in tool output are dates, times, ids
     * and sizes, so the run must also have the shape the rule needs before its regex runs.
     *
     * @param minDigits the least number of digits in the run, and in what the {@code shape} looks at
     * @param minDots the least number of dots between its digits (3 for an IPv4 address)
     * @param plusBefore the run must follow a {@code +} (international phone numbers)
     * @param shape what the run must look like before the regex is tried
     */
    record DigitRun(int minDigits, int minDots, boolean plusBefore, DigitShape shape) implements Trigger {}

    /** Two upper-case letters directly before a run of digits: the start of an IBAN. */
    record IbanStart() implements Trigger {}

    /**
     * An {@code @} after a run of 1 to 64 characters that may make up an address's local part (letters,
     * digits and {@code . _ % + -}): an e-mail address. The regex is tried anchored at the character
     * before that run (or at the text's start), instead of searched in a window around the {@code @}, so
     * it must start with {@code (?:^|[^A-Za-z0-9._%+-])} and then the local part.
     */
    record EmailAt() implements Trigger {}

    /** A run of hexadecimal digits and colons holding at least two colons: an IPv6 address. */
    record HexColonRun() implements Trigger {}

    /**
     * No literal to look for: the regex runs over each whole string value. Only company rules end up
     * here (every built-in rule has a trigger), and loading reports them as slow.
     */
    record Everywhere() implements Trigger {}
}
