package dev.airlock.runtime.inspection;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Objects;

/**
 * One detection rule, from Airlock's built-in set or a company's gitleaks-format file.
 *
 * @param id the rule's name in findings, such as {@code github-pat}
 * @param description what it finds, for administrators
 * @param category secret or personal data: the policy acts per category
 * @param regex the pattern, compiled with RE2/J so that matching takes time linear in the input
 * @param secretGroup the capture group that holds the secret; 0 means gitleaks' default (the first
 *     group that matched, or the whole match when the regex has no groups)
 * @param entropy the least Shannon entropy, in bits per character, the secret must have; 0 for none
 * @param trigger what must be in the text before the regex runs
 * @param windowBefore how far before a keyword the regex's window starts; 0 says that every match
 *     starts with a keyword, and the regex is then only tried anchored where a keyword starts, which is
 *     much cheaper than searching a window
 * @param windowAfter how far after a keyword the regex's window ends
 * @param wholeValue the regex runs from the trigger to the end of the string value instead of in a
 *     short window: for secrets spanning lines, such as PEM private keys
 * @param validator the check a match must pass afterwards (Luhn, mod-97, ...)
 * @param allowlists matches to let go; the file's global allowlist is already among them
 * @param specificity which rule names a finding when matches of several rules overlap
 */
record Rule(
        String id,
        String description,
        Category category,
        Pattern regex,
        int secretGroup,
        double entropy,
        Trigger trigger,
        int windowBefore,
        int windowAfter,
        boolean wholeValue,
        Validator validator,
        List<Allowlist> allowlists,
        Specificity specificity) {

    Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(specificity, "specificity");
        Objects.requireNonNull(regex, "regex");
        allowlists = List.copyOf(allowlists);
        if (windowBefore < 0 || windowAfter < 0) {
            throw new IllegalArgumentException("windows do not reach backwards");
        }
    }
}
