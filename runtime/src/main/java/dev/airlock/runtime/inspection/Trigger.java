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
     */
    record Keywords(List<String> words) implements Trigger {
        public Keywords {
            words = List.copyOf(words);
        }
    }

    /**
     * A run of digits, possibly broken by single separators ({@code space - . / ( )}), with at least
     * {@code minDigits} digits: cards, phone numbers, SSNs, IPv4 addresses.
     */
    record DigitRun(int minDigits) implements Trigger {}

    /** Two upper-case letters directly before a run of digits: the start of an IBAN. */
    record IbanStart() implements Trigger {}

    /** A run of hexadecimal digits and colons holding at least two colons: an IPv6 address. */
    record HexColonRun() implements Trigger {}

    /**
     * No literal to look for: the regex runs over each whole string value. Only company rules end up
     * here (every built-in rule has a trigger), and loading reports them as slow.
     */
    record Everywhere() implements Trigger {}
}
