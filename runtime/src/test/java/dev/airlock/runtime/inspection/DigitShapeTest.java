package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
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
    void eachNationalPhoneShapeTakesItsOwnFormatOnly() {
        assertThat(fits(DigitShape.PHONE_NORTH_AMERICA, "call (555) 234-5678 now", 10))
                .isTrue();
        assertThat(fits(DigitShape.PHONE_NORTH_AMERICA, "call 555.234.5678", 10))
                .isTrue();
        assertThat(fits(DigitShape.PHONE_NORTH_AMERICA, "call 555234-5678", 10)).isTrue();
        assertThat(fits(DigitShape.PHONE_PAIRS, "appelez le 01 23 45 67 89", 10))
                .isTrue();
        assertThat(fits(DigitShape.PHONE_UK, "ring 020 7946 0958", 10)).isTrue();
        assertThat(fits(DigitShape.PHONE_UK, "ring 07700 900123", 10)).isTrue();
        for (DigitShape shape : List.of(DigitShape.PHONE_NORTH_AMERICA, DigitShape.PHONE_PAIRS, DigitShape.PHONE_UK)) {
            assertThat(fits(shape, "+44 20 7946 0958", 10))
                    .as("international, for %s", shape)
                    .isFalse();
            assertThat(fits(shape, "at 2026-11-22 14:03", 10))
                    .as("a date and an hour, for %s", shape)
                    .isFalse();
            assertThat(fits(shape, "client=10.123.45.201 ok", 10))
                    .as("an IPv4 address, for %s", shape)
                    .isFalse();
            assertThat(fits(shape, "card 4111 1111 1111 1111.", 10))
                    .as("a card, for %s", shape)
                    .isFalse();
        }
        assertThat(fits(DigitShape.PHONE_NORTH_AMERICA, "call 155-234-5678", 10))
                .as("an area code starts with 2 to 9")
                .isFalse();
        assertThat(fits(DigitShape.PHONE_PAIRS, "00 23 45 67 89", 10)).isFalse();
        assertThat(fits(DigitShape.PHONE_UK, "020-7946-0958", 10))
                .as("UK numbers are written with spaces")
                .isFalse();
    }

    /**
     * A list of addresses separated by spaces is one long digit run (dots and spaces are separators):
     * every group of it is checked, so the card, phone and SSN rules stay off a run that holds none, and
     * one number in the middle of a long run is still let through and found.
     */
    @Test
    void aLongRunIsCheckedWholeAndANumberInItsMiddleIsFound() {
        StringBuilder addresses = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            addresses.append("10.").append(i % 256).append('.').append(i % 7).append(".1 ");
        }
        String list = addresses.toString();
        String withNumbers = list + "4111 1111 1111 1111 555-234-5678 536-22-4719 " + list;

        for (DigitShape shape :
                List.of(DigitShape.CARD, DigitShape.US_SSN, DigitShape.PHONE_NORTH_AMERICA, DigitShape.PHONE_UK)) {
            assertThat(fits(shape, list, 10))
                    .as("%s in a list of addresses", shape)
                    .isFalse();
        }
        for (DigitShape shape : List.of(DigitShape.CARD, DigitShape.US_SSN, DigitShape.PHONE_NORTH_AMERICA)) {
            assertThat(fits(shape, withNumbers, 10))
                    .as("%s with numbers in the middle", shape)
                    .isTrue();
        }
        TextScanner scanner = new TextScanner(RuleSet.builtIn().rules());
        assertThat(scanner.scan(withNumbers, rule -> !rule.id().equals("ipv4-address")))
                .extracting(h -> h.rule().id())
                .contains("card-visa", "phone-number-north-america", "us-ssn");
    }

    /**
     * A shape may only keep RE2/J off runs in which its rule finds nothing: each national phone rule, with
     * its shape and without any, must find the same numbers in many texts of digit groups, separators,
     * letters and plus signs.
     */
    @Test
    void theNationalPhoneShapesLoseNoNumberTheirRulesFind() {
        Random random = new Random(20261122L);
        for (String id : List.of("phone-number-north-america", "phone-number-national-pairs", "phone-number-uk")) {
            Rule shaped = RuleSet.builtIn().rules().stream()
                    .filter(r -> r.id().equals(id))
                    .findFirst()
                    .orElseThrow();
            Trigger.DigitRun run = (Trigger.DigitRun) shaped.trigger();
            Rule unshaped = new Rule(
                    shaped.id(),
                    shaped.description(),
                    shaped.category(),
                    shaped.regex(),
                    shaped.secretGroup(),
                    shaped.entropy(),
                    new Trigger.DigitRun(run.minDigits(), run.minDots(), run.plusBefore(), DigitShape.ANY),
                    shaped.windowBefore(),
                    shaped.windowAfter(),
                    shaped.wholeValue(),
                    shaped.validator(),
                    shaped.allowlists(),
                    shaped.specificity());
            TextScanner withShape = new TextScanner(List.of(shaped));
            TextScanner withoutShape = new TextScanner(List.of(unshaped));
            int found = 0;
            for (int round = 0; round < 20_000; round++) {
                String text = digitText(random);
                List<String> expected = secrets(withoutShape, text);

                assertThat(secrets(withShape, text)).as("%s in %s", id, text).isEqualTo(expected);
                found += expected.size();
            }
            assertThat(found).as("numbers %s found", id).isGreaterThan(200);
        }
    }

    private static List<String> secrets(TextScanner scanner, String text) {
        return scanner.scan(text, rule -> true).stream()
                .map(h -> text.substring(h.secretStart(), h.secretEnd()))
                .toList();
    }

    private static final List<String> FORMATS = List.of(
            "(555) 234-5678",
            "555-234-5678",
            "555.234.5678",
            "555234-5678",
            "06 23 45 67 89",
            "04.23.45.67.89",
            "020 7946 1958",
            "07700 900123",
            "0161 496 1234",
            "+1 555 234 5678",
            "(555)-234.5678");

    /**
     * A phone number of one of the formats with some of its characters changed (digits, separators,
     * letters, dropped or doubled characters), or groups of 1 to 8 digits joined by the characters
     * around numbers, with text before and after.
     */
    private static String digitText(Random random) {
        String joins = " .-()/+x_\n";
        StringBuilder out = new StringBuilder();
        out.append(random.nextBoolean() ? "" : joins.charAt(random.nextInt(joins.length())));
        if (random.nextBoolean()) {
            String format = FORMATS.get(random.nextInt(FORMATS.size()));
            int changes = random.nextInt(3);
            StringBuilder number = new StringBuilder();
            for (int i = 0; i < format.length(); i++) {
                char c = format.charAt(i);
                boolean change = random.nextInt(format.length()) < changes;
                if (!change) {
                    boolean digit =
                            Character.isDigit(c) && (c != '0' || random.nextInt(4) == 0); // trunk 0s mostly kept
                    number.append(digit ? (char) ('0' + random.nextInt(10)) : c);
                } else {
                    switch (random.nextInt(4)) {
                        case 0 -> number.append(joins.charAt(random.nextInt(joins.length())));
                        case 1 -> number.append((char) ('0' + random.nextInt(10)));
                        case 2 -> number.append(c).append(c);
                        default -> {} // dropped
                    }
                }
            }
            out.append(number);
            out.append(random.nextBoolean() ? "" : joins.charAt(random.nextInt(joins.length())));
            return out.toString();
        }
        int groups = 1 + random.nextInt(7);
        for (int g = 0; g < groups; g++) {
            int length = random.nextInt(3) == 0 ? 1 + random.nextInt(8) : 2 + random.nextInt(3);
            for (int i = 0; i < length; i++) {
                out.append(i == 0 && random.nextInt(3) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
            int between = random.nextInt(4) == 0 ? 2 : 1;
            for (int j = 0; j < between; j++) {
                out.append(joins.charAt(random.nextInt(joins.length())));
            }
        }
        return out.toString();
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
