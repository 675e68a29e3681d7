package dev.airlock.runtime.inspection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho–Corasick over ASCII keywords, ignoring ASCII case, compiled to a full transition table so that
 * finding every keyword of every rule costs one table look-up per character of text. A character
 * outside ASCII resets it (no keyword holds one).
 *
 * <p>The table is kept small, because it is read at every character and must stay in the CPU's cache:
 * characters that no keyword holds share one column, upper and lower case share one, so the built-in
 * rules' 201 keywords need 44 columns instead of 128. Each entry holds the next state's row offset, so
 * a step is one add and one load, and it is negative (bit-inverted) when keywords end in that state, so
 * the common case, no keyword ending here, is one sign test.
 */
final class KeywordAutomaton {

    private static final int ALPHABET = 128;

    /** The column of each ASCII character. */
    private final int[] column = new int[ALPHABET];

    private final int columns;
    /** Row offset of the next state per row offset and column; bit-inverted where keywords end. */
    private final int[] step;
    /** For each state, the keywords that end there (including through fail links), or null. */
    private final int[][] matches;

    private final int[] lengths;

    /** @param keywords lower-case ASCII words; their index is the id {@link #scan} reports */
    KeywordAutomaton(List<String> keywords) {
        List<int[]> trie = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        trie.add(newRow());
        ends.add(new ArrayList<>());
        lengths = new int[keywords.size()];
        for (int k = 0; k < keywords.size(); k++) {
            String word = keywords.get(k);
            lengths[k] = word.length();
            int state = 0;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c >= ALPHABET) {
                    throw new IllegalArgumentException("keywords are ASCII");
                }
                int target = trie.get(state)[c];
                if (target < 0) {
                    target = trie.size();
                    trie.add(newRow());
                    ends.add(new ArrayList<>());
                    trie.get(state)[c] = target;
                }
                state = target;
            }
            ends.get(state).add(k);
        }
        int states = trie.size();
        int[] next = new int[states * ALPHABET];
        matches = new int[states][];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            int target = trie.get(0)[c];
            if (target < 0) {
                next[c] = 0;
            } else {
                next[c] = target;
                fail[target] = 0;
                queue.add(target);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            ends.get(state).addAll(ends.get(fail[state]));
            for (int c = 0; c < ALPHABET; c++) {
                int target = trie.get(state)[c];
                if (target < 0) {
                    next[state * ALPHABET + c] = next[fail[state] * ALPHABET + c];
                } else {
                    next[state * ALPHABET + c] = target;
                    fail[target] = next[fail[state] * ALPHABET + c];
                    queue.add(target);
                }
            }
        }
        for (int s = 0; s < states; s++) {
            List<Integer> here = ends.get(s);
            matches[s] = here.isEmpty()
                    ? null
                    : here.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        // column 0 is every character no keyword holds; upper-case letters share their lower-case twin's
        int used = 1;
        for (String word : keywords) {
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (column[c] == 0) {
                    column[c] = used++;
                }
            }
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            column[c] = column[Character.toLowerCase(c)];
        }
        columns = used;
        int[] representative = new int[columns];
        for (int c = 0; c < ALPHABET; c++) {
            representative[column[c]] = c; // lower-case comes last and wins: keywords are lower-case
        }
        step = new int[states * columns];
        for (int s = 0; s < states; s++) {
            for (int col = 0; col < columns; col++) {
                int target = next[s * ALPHABET + representative[col]];
                int row = target * columns;
                step[s * columns + col] = matches[target] == null ? row : ~row;
            }
        }
    }

    private static int[] newRow() {
        int[] row = new int[ALPHABET];
        Arrays.fill(row, -1);
        return row;
    }

    /** Receives each keyword found: its id and where it starts. */
    interface Hits {
        void hit(int keyword, int start);

        /**
         * A digit at {@code at} that starts a run ({@link #scan(String, Hits, boolean)} with digits on):
         * returns where the run ends, so that no digit before that is reported again.
         */
        default int digits(int at) {
            return Integer.MAX_VALUE;
        }
    }

    /** Reports every occurrence of every keyword in {@code text}, overlapping ones included. */
    void scan(String text, Hits hits) {
        scan(text, hits, false);
    }

    /**
     * Reports every occurrence of every keyword in {@code text}, overlapping ones included, and, when
     * {@code digits} is on, where each run of digits starts ({@link Hits#digits}). Finding digit runs in
     * the same pass saves reading the text a second time, which cost as much as the keywords did.
     */
    void scan(String text, Hits hits, boolean digits) {
        scan(text, hits, digits, false);
    }

    /**
     * As {@link #scan(String, Hits, boolean)}; with {@code pairsOnly}, a digit is reported only when a
     * digit or a separator ({@code space - . / ( )}) follows it, so a lone digit glued to letters is
     * passed over without a call. Base64 holds such a digit every few characters, and at each one the
     * question "is this a digit?" went the unexpected way (about one character in eleven of the
     * benchmark input); the question "did a digit come before this digit or separator?" is asked with
     * what the previous character already told, and goes the unexpected way about six times less.
     */
    void scan(String text, Hits hits, boolean digits, boolean pairsOnly) {
        if (digits && pairsOnly) {
            scanPairs(text, hits);
            return;
        }
        int row = 0;
        int[] table = step;
        int[] columnOf = column;
        int runEnd = digits ? 0 : Integer.MAX_VALUE;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (i >= runEnd && (char) (c - '0') < 10) {
                runEnd = hits.digits(i);
            }
            int entry = c < ALPHABET ? table[row + columnOf[c]] : 0;
            if (entry >= 0) {
                row = entry;
                continue;
            }
            row = ~entry;
            for (int keyword : matches[row / columns]) {
                hits.hit(keyword, i + 1 - lengths[keyword]);
            }
        }
    }

    private void scanPairs(String text, Hits hits) {
        int row = 0;
        int[] table = step;
        int[] columnOf = column;
        byte[] kinds = KINDS;
        int runEnd = 0;
        int previous = 0; // the previous character's kind
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int kind = c < ALPHABET ? kinds[c] : 0;
            if ((previous & kind) != 0 && i > runEnd) {
                runEnd = hits.digits(i - 1);
            }
            previous = (kind & DIGIT) << 1; // SEPARATOR when a digit: a digit or separator now pairs with it
            int entry = c < ALPHABET ? table[row + columnOf[c]] : 0;
            if (entry >= 0) {
                row = entry;
                continue;
            }
            row = ~entry;
            for (int keyword : matches[row / columns]) {
                hits.hit(keyword, i + 1 - lengths[keyword]);
            }
        }
    }

    private static final byte DIGIT = 1;
    private static final byte SEPARATOR = 2;
    /** Per ASCII character: digits are {@code DIGIT | SEPARATOR}, the separators of a digit run {@code SEPARATOR}. */
    private static final byte[] KINDS = new byte[ALPHABET];

    static {
        for (char c = '0'; c <= '9'; c++) {
            KINDS[c] = DIGIT | SEPARATOR;
        }
        for (char c : " -./()".toCharArray()) {
            KINDS[c] = SEPARATOR;
        }
    }
}
