package dev.airlock.runtime.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * How a value is laid out in keychain entries. Windows Credential Manager holds at most 2,560 bytes
 * per entry (1,280 UTF-16 characters), less than a refresh token from some providers, so a long
 * value is split into parts stored next to it. Every OS uses the same layout, so the splitting is
 * tested wherever the tests run.
 *
 * <p>The entry named by the key holds either {@code "=" + value} or {@code "+" + n}, in which case
 * the value is the concatenation of the entries {@code key#1} to {@code key#n}. An entry with
 * neither prefix was not written by this class and is taken as the whole value.
 */
final class KeychainValue {

    /** Characters per entry, prefix included, safely under the Windows limit. */
    static final int MAX_ENTRY_CHARS = 1000;

    static final int MAX_PARTS = 64;

    /** What the entry under the key says. */
    sealed interface Head {
        record Whole(String value) implements Head {}

        record Parts(int count) implements Head {}
    }

    private KeychainValue() {}

    static boolean fitsOneEntry(String value) {
        return value.length() < MAX_ENTRY_CHARS;
    }

    static String whole(String value) {
        return "=" + value;
    }

    static String parts(int count) {
        return "+" + count;
    }

    static String partName(String key, int number) {
        return key + "#" + number;
    }

    static Head read(String stored) {
        if (stored.startsWith("=")) {
            return new Head.Whole(stored.substring(1));
        }
        if (stored.startsWith("+")) {
            try {
                int count = Integer.parseInt(stored.substring(1));
                if (count >= 1 && count <= MAX_PARTS) {
                    return new Head.Parts(count);
                }
            } catch (NumberFormatException e) {
                // not ours: fall through
            }
        }
        return new Head.Whole(stored);
    }

    /** The number of part entries a stored head refers to (0 for a whole value). */
    static int partCount(String stored) {
        return read(stored) instanceof Head.Parts(int count) ? count : 0;
    }

    /**
     * Splits a value into parts of at most {@link #MAX_ENTRY_CHARS} characters, never between the
     * two halves of a surrogate pair (each half alone is not valid text and would be mangled).
     *
     * @throws IllegalArgumentException when the value needs more than {@link #MAX_PARTS} parts
     */
    static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < value.length()) {
            int end = Math.min(start + MAX_ENTRY_CHARS, value.length());
            if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
                end--;
            }
            parts.add(value.substring(start, end));
            start = end;
        }
        if (parts.size() > MAX_PARTS) {
            throw new IllegalArgumentException("A secret may be at most about "
                    + (MAX_PARTS * MAX_ENTRY_CHARS / 1000) + " thousand characters long; this one has "
                    + value.length());
        }
        return parts;
    }
}
