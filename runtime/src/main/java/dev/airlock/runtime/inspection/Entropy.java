package dev.airlock.runtime.inspection;

/** Shannon entropy, as gitleaks computes it for a rule's {@code entropy} threshold. */
final class Entropy {

    private Entropy() {}

    /** Bits per character of {@code text}, from how often each character occurs in it. */
    static double shannon(CharSequence text) {
        int n = text.length();
        if (n == 0) {
            return 0;
        }
        java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(text.charAt(i), 1, Integer::sum);
        }
        double entropy = 0;
        for (int count : counts.values()) {
            double p = (double) count / n;
            entropy -= p * (Math.log(p) / Math.log(2));
        }
        return entropy;
    }
}
