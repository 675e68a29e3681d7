package dev.airlock.runtime.inspection;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a run of digits must look like before a digit rule's regex is tried on it (the rule file's
 * {@code shape}). Tool output is full of digit runs — timestamps, ids, sizes, hex traces — and each regex
 * try on RE2/J costs microseconds whatever the window's length, so checking the shape by hand first keeps
 * RE2/J for real candidates. Each shape is a necessary condition on what the rule's regex and validator
 * accept: it may let a run through that the regex then refuses, never the other way round.
 *
 * <p>A run is split into groups of digits and the separators between them (see {@link Trigger.DigitRun}).
 */
enum DigitShape {
    /** No check beyond the run's digit count. */
    ANY,
    /** A US SSN: groups of 3, 2 and 4 digits joined by single hyphens. */
    US_SSN,
    /**
     * A payment card: consecutive groups joined by single spaces or hyphens, 13 to 19 digits in all,
     * whose Luhn check digit is right.
     */
    CARD,
    /**
     * A phone number: consecutive groups with at least the rule's {@code minDigits} (and 7) and at most
     * 15 digits in all, standing alone: not glued to a letter, digit or underscore before its first
     * group or after its last (a hex trace id or a UUID is full of digit runs glued to letters).
     */
    PHONE,
    /**
     * A North American number as {@code phone-number-north-america} writes it: 3, 3 and 4 digits, the
     * last two joined by one {@code .} or {@code -}, the first two by {@code )}, a separator or both (or
     * not at all: 6 and 4 digits), each 3-digit part starting with 2 to 9, standing alone.
     */
    PHONE_NORTH_AMERICA,
    /** A national number in pairs, as {@code phone-number-national-pairs}: {@code 0[1-9]} and four more pairs of digits, each joined by one space or dot. */
    PHONE_PAIRS,
    /**
     * A UK number, as {@code phone-number-uk}: a trunk {@code 0[1-9]} and 1 to 3 more digits, one space,
     * then 3 or 4 digits, an optional space and 3 or 4 digits, standing alone.
     */
    PHONE_UK;

    /** The shape a rule file names, or empty when Airlock knows none by that name. */
    static Optional<DigitShape> fromName(String name) {
        try {
            return Optional.of(valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The names a rule file may give, quoted and comma-separated, for an error message. */
    static String names() {
        return Arrays.stream(values())
                .filter(shape -> shape != ANY)
                .map(shape -> "\"" + shape.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\"")
                .collect(Collectors.joining(", "));
    }

    /**
     * Whether the digit run {@code text[start, end)} (first and last characters digits) can hold a match.
     * Every group of the run is looked at, however long it is: a text of numbers separated by spaces or
     * dots (a table, a list of addresses) is one run, and letting it through unchecked sent every digit
     * rule's regex over all of it. Each check looks at a few consecutive groups at a time (at most 19:
     * a card's digits), so this stays linear in the run's length.
     *
     * @param minDigits the rule's least number of digits
     */
    boolean fits(String text, int start, int end, int minDigits) {
        if (this == ANY) {
            return true;
        }
        int[] groupStart = new int[8];
        int[] groupEnd = new int[8];
        int groups = 0;
        int i = start;
        while (i < end) {
            if (groups == groupStart.length) {
                groupStart = Arrays.copyOf(groupStart, groups * 2);
                groupEnd = Arrays.copyOf(groupEnd, groups * 2);
            }
            groupStart[groups] = i;
            while (i < end && isDigit(text.charAt(i))) {
                i++;
            }
            groupEnd[groups++] = i;
            while (i < end && !isDigit(text.charAt(i))) {
                i++;
            }
        }
        return fits(text, groupStart, groupEnd, groups, minDigits);
    }

    /** Whether the {@code groups} groups of a run can hold a match. */
    private boolean fits(String text, int[] groupStart, int[] groupEnd, int groups, int minDigits) {
        return switch (this) {
            case ANY -> true;
            case US_SSN -> ssn(text, groupStart, groupEnd, groups);
            case CARD -> card(text, groupStart, groupEnd, groups);
            case PHONE -> phone(text, groupStart, groupEnd, groups, Math.max(7, minDigits));
            case PHONE_NORTH_AMERICA -> northAmerica(text, groupStart, groupEnd, groups);
            case PHONE_PAIRS -> pairs(text, groupStart, groupEnd, groups);
            case PHONE_UK -> uk(text, groupStart, groupEnd, groups);
        };
    }

    private static boolean ssn(String text, int[] starts, int[] ends, int groups) {
        for (int g = 0; g + 2 < groups; g++) {
            if (ends[g] - starts[g] == 3
                    && ends[g + 1] - starts[g + 1] == 2
                    && ends[g + 2] - starts[g + 2] == 4
                    && joinedBy(text, ends[g], starts[g + 1], "-")
                    && joinedBy(text, ends[g + 1], starts[g + 2], "-")) {
                return true;
            }
        }
        return false;
    }

    private static boolean card(String text, int[] starts, int[] ends, int groups) {
        for (int first = 0; first < groups; first++) {
            int digits = 0;
            for (int last = first; last < groups; last++) {
                if (last > first && !joinedBy(text, ends[last - 1], starts[last], " -")) {
                    break;
                }
                digits += ends[last] - starts[last];
                if (digits > 19) {
                    break;
                }
                if (digits >= 13 && luhn(text, starts, ends, first, last)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean luhn(String text, int[] starts, int[] ends, int first, int last) {
        int sum = 0;
        boolean twice = false;
        for (int g = last; g >= first; g--) {
            for (int i = ends[g] - 1; i >= starts[g]; i--) {
                int d = text.charAt(i) - '0';
                if (twice) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
                twice = !twice;
            }
        }
        return sum % 10 == 0;
    }

    private static boolean phone(String text, int[] starts, int[] ends, int groups, int minDigits) {
        for (int first = 0; first < groups; first++) {
            if (!standsAloneBefore(text, starts[first])) {
                continue;
            }
            int digits = 0;
            for (int last = first; last < groups; last++) {
                digits += ends[last] - starts[last];
                if (digits > 15) {
                    break;
                }
                if (digits >= minDigits && standsAloneAfter(text, ends[last])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean northAmerica(String text, int[] starts, int[] ends, int groups) {
        for (int g = 0; g + 1 < groups; g++) {
            int first = ends[g] - starts[g];
            if (!standsAloneBefore(text, starts[g]) || !isTwoToNine(text.charAt(starts[g]))) {
                continue;
            }
            // 6 digits then 4 ((555)234-5678 without the parenthesis), or 3, 3 and 4
            if (first == 6 && isTwoToNine(text.charAt(starts[g] + 3)) && lastPart(text, starts, ends, g + 1, ".-", 4)) {
                return true;
            }
            if (first == 3
                    && g + 2 < groups
                    && ends[g + 1] - starts[g + 1] == 3
                    && isTwoToNine(text.charAt(starts[g + 1]))
                    && areaJoin(text, ends[g], starts[g + 1])
                    && lastPart(text, starts, ends, g + 2, ".-", 4)) {
                return true;
            }
        }
        return false;
    }

    /** What may come between an area code and the exchange: {@code )}, a separator, or both. */
    private static boolean areaJoin(String text, int end, int nextStart) {
        int length = nextStart - end;
        char c = text.charAt(end);
        if (length == 1) {
            return c == ')' || c == ' ' || c == '.' || c == '-';
        }
        char d = text.charAt(end + 1);
        return length == 2 && c == ')' && (d == ' ' || d == '.' || d == '-');
    }

    private static boolean pairs(String text, int[] starts, int[] ends, int groups) {
        for (int g = 0; g + 4 < groups; g++) {
            if (text.charAt(starts[g]) != '0' || !standsAloneBefore(text, starts[g])) {
                continue;
            }
            boolean fits = text.charAt(starts[g] + 1) != '0';
            for (int k = g; fits && k <= g + 4; k++) {
                fits = ends[k] - starts[k] == 2 && (k == g || joinedBy(text, ends[k - 1], starts[k], " ."));
            }
            if (fits && standsAloneAfter(text, ends[g + 4])) {
                return true;
            }
        }
        return false;
    }

    private static boolean uk(String text, int[] starts, int[] ends, int groups) {
        for (int g = 0; g + 1 < groups; g++) {
            int trunk = ends[g] - starts[g];
            if (trunk < 3
                    || trunk > 5
                    || text.charAt(starts[g]) != '0'
                    || text.charAt(starts[g] + 1) == '0'
                    || !standsAloneBefore(text, starts[g])
                    || !joinedBy(text, ends[g], starts[g + 1], " ")) {
                continue;
            }
            int next = ends[g + 1] - starts[g + 1];
            if (next >= 6 && next <= 8 && standsAloneAfter(text, ends[g + 1])) {
                return true;
            }
            if (next >= 3 && next <= 4 && g + 2 < groups && joinedBy(text, ends[g + 1], starts[g + 2], " ")) {
                int last = ends[g + 2] - starts[g + 2];
                if (last >= 3 && last <= 4 && standsAloneAfter(text, ends[g + 2])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether group {@code g} has {@code digits} digits, follows the one before it after one of {@code joins}, and stands alone after. */
    private static boolean lastPart(String text, int[] starts, int[] ends, int g, String joins, int digits) {
        return ends[g] - starts[g] == digits
                && joinedBy(text, ends[g - 1], starts[g], joins)
                && standsAloneAfter(text, ends[g]);
    }

    private static boolean isTwoToNine(char c) {
        return c >= '2' && c <= '9';
    }

    /** Whether the characters between two groups are one of {@code separators}, once. */
    private static boolean joinedBy(String text, int end, int nextStart, String separators) {
        return nextStart == end + 1 && separators.indexOf(text.charAt(end)) >= 0;
    }

    /** Not glued to a word before: every phone rule wants a non-word character (or {@code (}, {@code +}) there. */
    private static boolean standsAloneBefore(String text, int at) {
        return at == 0 || !isWordChar(text.charAt(at - 1));
    }

    /** Not glued to a word after: every phone rule ends with {@code \b} after a digit or a parenthesis. */
    private static boolean standsAloneAfter(String text, int at) {
        return at >= text.length() || !isWordChar(text.charAt(at));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A word character as RE2's {@code \b} sees it, and as the phone rules' "not a word before" does. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }
}
