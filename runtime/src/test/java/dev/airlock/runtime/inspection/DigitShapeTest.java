package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hand-written shape checks that keep RE2/J off digit runs that cannot be a match. Each check must
 * let every real candidate through (the examples test proves that for every rule's positives); these
 * cases show what it keeps out, and the edges it must not cut.
 */
class DigitShapeTest {

    /** Whether the first digit run in {@code text}, as the scanner finds it, fits {@code shape}. */
    private static boolean fits(DigitShape shape, String text, int minDigits) {
        int start = 0;
        while (!Character.isDigit(text.charAt(start))) {
            start++;
        }
        int end = start;
        int separators = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                end = i + 1;
                separators = 0;
            } else if (" -./()".indexOf(c) >= 0 && separators < 2) {
                separators++;
            } else {
                break;
            }
        }
        return shape.fits(text, start, end, minDigits);
    }

    @Test
    void anSsnNeedsThreeTwoAndFourDigitsJoinedByHyphens() {
        assertThat(fits(DigitShape.US_SSN, "ssn 536-22-4719 on file", 9)).isTrue();
        assertThat(fits(DigitShape.US_SSN, "at 2026-11-22 12", 9)).isFalse();
        assertThat(fits(DigitShape.US_SSN, "536 22 4719", 9)).isFalse();
        assertThat(fits(DigitShape.US_SSN, "1 536-22-4719 2", 9))
                .as("inside a longer run")
                .isTrue();
    }

    @Test
    void aCardNeedsThirteenToNineteenDigitsInGroupsThatPassLuhn() {
        assertThat(fits(DigitShape.CARD, "card 4111 1111 1111 1111.", 16)).isTrue();
        assertThat(fits(DigitShape.CARD, "card 4111-1111-1111-1111", 16)).isTrue();
        assertThat(fits(DigitShape.CARD, "card 4111111111111111", 16)).isTrue();
        assertThat(fits(DigitShape.CARD, "card 4111 1111 1111 1112", 16))
                .as("wrong check digit")
                .isFalse();
        assertThat(fits(DigitShape.CARD, "card 4111.1111.1111.1111", 16))
                .as("dots are not card separators")
                .isFalse();
        assertThat(fits(DigitShape.CARD, "order 12 4111 1111 1111 1111", 16))
                .as("a card after other groups of the run")
                .isTrue();
    }

    @Test
    void aPhoneNumberStandsAloneAndHasAsManyDigitsAsTheRuleWants() {
        assertThat(fits(DigitShape.PHONE, "call (555) 234-5678 now", 10)).isTrue();
        assertThat(fits(DigitShape.PHONE, "+44 20 7946 0958", 6)).isTrue();
        assertThat(fits(DigitShape.PHONE, "trace=e9852138151d5c05", 10))
                .as("glued into a hex id")
                .isFalse();
        assertThat(fits(DigitShape.PHONE, "ref 96827135-73b8", 10))
                .as("the start of a UUID")
                .isFalse();
        assertThat(fits(DigitShape.PHONE, "id 1234567890123456789", 10))
                .as("more than 15 digits")
                .isFalse();
    }

    @Test
    void aRuleFileNamesAShapeOrGetsTheReasonItCannotBeUsed() throws Exception {
        RuleFileReader.Loaded loaded = RuleFileReader.parse("""
                [[rules]]
                id = "acme-member-number"
                category = "personal-data"
                regex = '''\\b([0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4})\\b'''
                anchor = "digits"
                minDigits = 16
                shape = "card"
                validate = "luhn"

                [[rules]]
                id = "acme-shoe-size"
                regex = '''\\b([0-9]{2})\\b'''
                anchor = "digits"
                shape = "shoe"
                """, "company.toml");

        assertThat(loaded.rules().ids()).containsExactly("acme-member-number");
        assertThat(loaded.problems()).singleElement().satisfies(p -> {
            assertThat(p.ruleId()).isEqualTo("acme-shoe-size");
            assertThat(p.reason()).contains("shape must be");
        });
    }
}
