package dev.airlock.runtime.inspection;

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
    PHONE;

    /** The shape a rule file names, or empty when Airlock knows none by that name. */
    static java.util.Optional<DigitShape> fromName(String name) {
        try {
            return java.util.Optional.of(
                    valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The most groups looked at in one run: longer runs (tables of numbers) are let through. */
    private static final int MAX_GROUPS = 24;

    /**
     * Whether the digit run {@code text[start, end)} (first and last characters digits) can hold a match.
     *
     * @param minDigits the rule's least number of digits
     */
    boolean fits(String text, int start, int end, int minDigits) {
        if (this == ANY) {
            return true;
        }
        int[] groupStart = new int[MAX_GROUPS];
        int[] groupEnd = new int[MAX_GROUPS];
        int groups = 0;
        int i = start;
        while (i < end) {
            if (groups == MAX_GROUPS) {
                return true;
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
        return switch (this) {
            case ANY -> true;
            case US_SSN -> ssn(text, groupStart, groupEnd, groups);
            case CARD -> card(text, groupStart, groupEnd, groups);
            case PHONE -> phone(text, groupStart, groupEnd, groups, Math.max(7, minDigits));
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
