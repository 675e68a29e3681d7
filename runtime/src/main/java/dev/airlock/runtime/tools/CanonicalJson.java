package dev.airlock.runtime.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Canonicalization Scheme of RFC 8785 (JCS), over a Jackson tree: object members sorted by
 * their names' UTF-16 code units, no white space, strings escaped as ECMAScript's {@code
 * JSON.stringify} does, and numbers written as ECMAScript writes a double. The same definition thus
 * always gives the same bytes, whoever sent it and however it was spaced, so its hash can be pinned.
 *
 * <p>Written here rather than taken from a library: the one Java implementation on Maven Central
 * has its own parser and has not been released for years, while Airlock already holds every
 * definition as a Jackson tree. The RFC's own examples are its tests.
 */
public final class CanonicalJson {

    private CanonicalJson() {}

    /** The canonical text of {@code node}; its UTF-8 bytes are what gets hashed. */
    public static String of(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isString()) {
            string(node.stringValue(), out);
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            // String.compareTo compares UTF-16 code units, which is exactly the order RFC 8785 §3.2.3 asks for.
            names.sort(String::compareTo);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(names.get(i), out);
                out.append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("JSON canonicalization does not support " + node.getNodeType());
        }
    }

    private static String number(JsonNode node) {
        double value = node.isBigDecimal() || node.isBigInteger()
                ? new BigDecimal(node.numberValue().toString()).doubleValue()
                : node.doubleValue();
        return number(value);
    }

    /**
     * ECMAScript's Number::toString (ECMA-262 §6.1.6.1.20). Java's {@link Double#toString} gives the
     * shortest digits that round-trip (JDK 19 and later), the same digits ECMAScript picks; only the
     * layout differs, and that is redone here.
     */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no NaN or Infinity");
        }
        if (value == 0) {
            return "0"; // minus zero too
        }
        if (value < 0) {
            return "-" + number(-value);
        }
        // Digits and decimal exponent from Java's shortest representation: d.ddddE±x or plain ddd.ddd.
        String java = Double.toString(value);
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int pointAt = dot + exponent; // digits[0 .. pointAt) are the integer part
        int leadingZeros = 0;
        while (leadingZeros < digits.length() - 1 && digits.charAt(leadingZeros) == '0') {
            leadingZeros++;
        }
        digits = digits.substring(leadingZeros);
        pointAt -= leadingZeros;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        if (digits.length() == 2) {
            // Java prints at least two digits (4.9E-324) where one may round-trip (5e-324).
            String one = oneDigit(value, digits, pointAt);
            if (one != null) {
                pointAt += one.length() - 1; // "10" after rounding 9.x up moves the point
                digits = one.substring(0, 1);
            }
        }
        // In ECMA-262's terms: k = number of digits, n = position of the decimal point.
        int k = digits.length();
        int n = pointAt;
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        String sign = n - 1 < 0 ? "-" : "+";
        String first = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return first + "e" + sign + Math.abs(n - 1);
    }

    /**
     * The one-digit decimal that reads back as {@code value} and is closest to it, if there is one:
     * ECMAScript wants the fewest digits. Returns "d" or "10" (the point then moves one place).
     */
    private static String oneDigit(double value, String twoDigits, int pointAt) {
        int first = twoDigits.charAt(0) - '0';
        BigDecimal exact = new BigDecimal(value);
        String best = null;
        BigDecimal bestDistance = null;
        for (int candidate : new int[] {first, first + 1}) {
            BigDecimal decimal = new BigDecimal(BigInteger.valueOf(candidate), 1 - pointAt);
            if (candidate == 0 || decimal.doubleValue() != value) {
                continue;
            }
            BigDecimal distance = decimal.subtract(exact).abs();
            if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
                best = Integer.toString(candidate);
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * A string as {@code JSON.stringify} writes it. A lone surrogate (invalid in I-JSON, which RFC
     * 8785 assumes) is written as a {@code \\u} escape, as ECMAScript 2019 does, so that such a
     * definition still has one stable hash instead of failing.
     */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(value, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String value, int i) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(value.charAt(i - 1));
        }
        return false;
    }
}
