package dev.airlock.runtime.inspection;

import com.google.re2j.Matcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Finds where rules match in one text. Running every regex over every text is far too slow (0.05 MB/s
 * for 222 rules), so one pass finds every rule's triggers — keywords through {@link KeywordAutomaton},
 * runs of digits, IBAN starts, hex-and-colon runs, e-mail {@code @}s — and each rule's regex then runs
 * only on short windows around its triggers, merged where they overlap, or anchored where its match
 * must start ({@link #matchAnchored}). Entropy, validators and allowlists run last, on the few matches
 * left.
 *
 * <p>A window reaches a rule's {@code windowBefore} characters before a keyword and {@code windowAfter}
 * after it ({@value #BEFORE} and {@value #AFTER} unless the rule says otherwise), widened
 * to the nearest character that cannot be part of a word so that {@code \b} in a regex sees the real
 * text edge; a rule marked {@code wholeValue} (PEM keys) gets the rest of the text instead. A match that
 * reaches the end of its window is matched again on up to {@value #EXTENDED} characters, so a long secret
 * is not cut short.
 */
final class TextScanner {

    static final int BEFORE = 64;
    static final int AFTER = 256;
    static final int EXTENDED = 65_536;
    private static final int WIDEN = 48;
    private static final int LINE_LIMIT = 4_096;

    private final List<Rule> rules;
    private final KeywordAutomaton automaton;
    private final int[][] rulesByKeyword;
    private final boolean[] assignmentAfter;
    /** Rules matched only where one of their keywords starts (see {@link #matchAnchored}). */
    private final boolean[] anchored;
    /** Per anchored rule: whether its regex starts with {@code \b}, checked by hand before each try. */
    private final boolean[] boundaryBefore;
    /** Per rule: the by-hand check of an assignment's value before RE2/J, or null. */
    private final AssignmentValue[] assignmentValues;

    private final int[] keywordLengths;
    private final int[] digitRules;
    /** Per entry of {@link #digitRules}: the shape its run must have (see {@link Trigger.DigitRun}). */
    private final int[] digitMinDigits;

    private final int[] digitMinDots;
    private final boolean[] digitPlusBefore;
    private final DigitShape[] digitShapes;
    /** The fewest digits any digit rule needs: shorter runs (most of them) are skipped at once. */
    private final int fewestDigits;
    /**
     * Per number of digits in a run, the entries of {@link #digitRules} that need no more (the last entry
     * for any longer run): most runs are short, and only one or two rules are left to check for them.
     */
    private final int[][] digitRulesUpTo;

    private final int[] ibanRules;
    private final int[] hexColonRules;
    private final int[] emailRules;
    private final int[] everywhereRules;

    TextScanner(List<Rule> rules) {
        this(rules, true);
    }

    /**
     * @param anchorAtKeywords whether a rule whose every match starts with one of its keywords ({@link
     *     MatchStart}) is tried anchored at its keywords, as a rule with {@code windowBefore = 0} is; off
     *     only in the test that holds the anchored tries to the searches they replace
     */
    TextScanner(List<Rule> rules, boolean anchorAtKeywords) {
        this.rules = List.copyOf(rules);
        Map<String, List<Integer>> byKeyword = new HashMap<>();
        List<String> keywords = new ArrayList<>();
        List<Integer> digits = new ArrayList<>();
        List<Integer> iban = new ArrayList<>();
        List<Integer> hexColon = new ArrayList<>();
        List<Integer> email = new ArrayList<>();
        List<Integer> everywhere = new ArrayList<>();
        for (int r = 0; r < this.rules.size(); r++) {
            switch (this.rules.get(r).trigger()) {
                case Trigger.Keywords k -> {
                    boolean ascii = k.words().stream().allMatch(w -> w.chars().allMatch(c -> c < 128));
                    if (!ascii) {
                        everywhere.add(r);
                        continue;
                    }
                    for (String word : k.words()) {
                        if (!byKeyword.containsKey(word)) {
                            keywords.add(word);
                        }
                        byKeyword.computeIfAbsent(word, w -> new ArrayList<>()).add(r);
                    }
                }
                case Trigger.DigitRun d -> digits.add(r);
                case Trigger.IbanStart i -> iban.add(r);
                case Trigger.HexColonRun h -> hexColon.add(r);
                case Trigger.EmailAt e -> email.add(r);
                case Trigger.Everywhere e -> everywhere.add(r);
            }
        }
        automaton = new KeywordAutomaton(keywords);
        rulesByKeyword = new int[keywords.size()][];
        keywordLengths = new int[keywords.size()];
        for (int k = 0; k < keywords.size(); k++) {
            rulesByKeyword[k] = byKeyword.get(keywords.get(k)).stream()
                    .distinct()
                    .mapToInt(Integer::intValue)
                    .toArray();
            keywordLengths[k] = keywords.get(k).length();
        }
        assignmentAfter = new boolean[this.rules.size()];
        anchored = new boolean[this.rules.size()];
        boundaryBefore = new boolean[this.rules.size()];
        assignmentValues = new AssignmentValue[this.rules.size()];
        for (int r = 0; r < this.rules.size(); r++) {
            Rule rule = this.rules.get(r);
            assignmentValues[r] = AssignmentValue.of(rule).orElse(null);
            assignmentAfter[r] = rule.trigger() instanceof Trigger.Keywords k && k.assignmentAfter();
            if (rule.trigger() instanceof Trigger.Keywords k && !rule.wholeValue()) {
                Optional<MatchStart> start = anchorAtKeywords
                        ? MatchStart.of(rule.regex().pattern()).filter(m -> m.startsWithOneOf(k.words()))
                        : Optional.empty();
                anchored[r] = rule.windowBefore() == 0 || start.isPresent();
                boundaryBefore[r] = start.map(MatchStart::wordBoundary).orElse(false);
            }
        }
        digitRules = toArray(digits);
        digitMinDigits = new int[digitRules.length];
        digitMinDots = new int[digitRules.length];
        digitPlusBefore = new boolean[digitRules.length];
        digitShapes = new DigitShape[digitRules.length];
        int fewest = Integer.MAX_VALUE;
        for (int d = 0; d < digitRules.length; d++) {
            Trigger.DigitRun run =
                    (Trigger.DigitRun) this.rules.get(digitRules[d]).trigger();
            digitMinDigits[d] = run.minDigits();
            digitMinDots[d] = run.minDots();
            digitPlusBefore[d] = run.plusBefore();
            digitShapes[d] = run.shape();
            fewest = Math.min(fewest, run.minDigits());
        }
        fewestDigits = fewest;
        int most = Arrays.stream(digitMinDigits).max().orElse(0);
        digitRulesUpTo = new int[most + 1][];
        for (int k = 0; k <= most; k++) {
            int count = k;
            digitRulesUpTo[k] = IntStream.range(0, digitRules.length)
                    .filter(d -> digitMinDigits[d] <= count)
                    .toArray();
        }
        ibanRules = toArray(iban);
        hexColonRules = toArray(hexColon);
        emailRules = toArray(email);
        for (int r : emailRules) {
            anchored[r] = true;
        }
        everywhereRules = toArray(everywhere);
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Where a rule matched. It holds positions, never the text, so it cannot leak what it points at.
     *
     * @param secretStart start of the secret (the rule's secret group) in the scanned text
     * @param secretEnd end of the secret, exclusive
     */
    record Hit(Rule rule, int secretStart, int secretEnd) {}

    /** Which rules to run: the policy may turn a whole category off. */
    interface RuleFilter {
        boolean runs(Rule rule);
    }

    /** The rules {@code filter} lets run, for {@link #scan(String, boolean[])}. */
    boolean[] active(RuleFilter filter) {
        boolean[] active = new boolean[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            active[r] = filter.runs(rules.get(r));
        }
        return active;
    }

    /** Every match in {@code text}, ordered by where the secret starts. */
    List<Hit> scan(String text, RuleFilter filter) {
        return scan(text, active(filter));
    }

    /**
     * Every match in {@code text} of the rules marked in {@code active} (from {@link #active}), ordered
     * by where the secret starts.
     */
    List<Hit> scan(String text, boolean[] active) {
        int n = text.length();
        Windows[] windows = new Windows[rules.size()];
        if (n == 0) {
            return List.of();
        }
        // a lone digit is too short for every rule when each needs two or more (an IBAN always does)
        automaton.scan(
                text, new Pass(text, windows, active), digitRules.length + ibanRules.length > 0, fewestDigits > 1);
        if (hexColonRules.length > 0) {
            hexColonRuns(text, windows, active);
        }
        if (emailRules.length > 0) {
            emailStarts(text, windows, active);
        }
        for (int r : everywhereRules) {
            if (active[r]) {
                window(windows, r, 0, n, n);
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            if (windows[r] == null) {
                continue;
            }
            if (anchored[r]) {
                matchAnchored(rules.get(r), assignmentValues[r], boundaryBefore[r], text, windows[r], hits);
            } else {
                match(rules.get(r), text, windows[r], hits);
            }
        }
        hits.sort(Comparator.comparingInt(Hit::secretStart).thenComparingInt(h -> -h.secretEnd()));
        return hits;
    }

    private void window(Windows[] windows, int r, int triggerStart, int triggerEnd, int n) {
        Rule rule = rules.get(r);
        int start = anchored[r] ? triggerStart : Math.max(0, triggerStart - rule.windowBefore());
        int end = rule.wholeValue() ? n : Math.min(n, triggerEnd + rule.windowAfter());
        Windows w = windowsOf(windows, r);
        if (anchored[r]) {
            w.append(start, end); // each keyword start is a place to match at: not merged
        } else {
            w.add(start, end);
        }
    }

    /** See {@link Trigger.Keywords#assignmentAfter()}. */
    static final int NAME_TAIL = 40;

    private static boolean assignmentFollows(String text, int from) {
        int n = text.length();
        int i = from;
        int limit = Math.min(n, from + NAME_TAIL);
        while (i < limit && (isWordChar(text.charAt(i)) || text.charAt(i) == '.' || text.charAt(i) == '-')) {
            i++;
        }
        if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i++;
        }
        int spaces = 0;
        while (i < n && spaces < 3 && Character.isWhitespace(text.charAt(i))) {
            i++;
            spaces++;
        }
        return i < n && (text.charAt(i) == '=' || text.charAt(i) == ':' || text.charAt(i) == ',');
    }

    /** What one pass over a text does with the keywords and digit runs it meets: opens windows. */
    private final class Pass implements KeywordAutomaton.Hits {
        private final String text;
        private final Windows[] windows;
        private final boolean[] active;

        Pass(String text, Windows[] windows, boolean[] active) {
            this.text = text;
            this.windows = windows;
            this.active = active;
        }

        @Override
        public void hit(int keyword, int start) {
            int n = text.length();
            int end = start + keywordLengths[keyword];
            int assigned = -1;
            for (int r : rulesByKeyword[keyword]) {
                if (!active[r]) {
                    continue;
                }
                if (assignmentAfter[r]) {
                    if (assigned < 0) {
                        assigned = assignmentFollows(text, end) ? 1 : 0;
                    }
                    if (assigned == 0) {
                        continue;
                    }
                }
                window(windows, r, start, end, n);
            }
        }

        @Override
        public int digits(int at) {
            return digitRun(text, at, windows, active);
        }
    }

    /**
     * Opens the windows of the digit and IBAN rules that the digit run starting at {@code i} may hold.
     *
     * @return where the run ends
     */
    private int digitRun(String text, int i, Windows[] windows, boolean[] active) {
        int n = text.length();
        int start = i;
        int end = i;
        int digits = 0;
        int dots = 0;
        int separators = 0;
        for (int j = i; j < n; j++) {
            char d = text.charAt(j);
            if (d >= '0' && d <= '9') {
                digits++;
                end = j + 1;
                separators = 0;
            } else if ((d == ' ' || d == '-' || d == '.' || d == '/' || d == '(' || d == ')') && separators < 2) {
                separators++;
                dots += d == '.' ? 1 : 0;
            } else {
                break;
            }
        }
        if (digits >= fewestDigits) {
            boolean plusBefore = start > 0 && text.charAt(start - 1) == '+';
            for (int d : digitRulesUpTo[Math.min(digits, digitRulesUpTo.length - 1)]) {
                int r = digitRules[d];
                if (active[r]
                        && dots >= digitMinDots[d]
                        && (plusBefore || !digitPlusBefore[d])
                        && digitShapes[d].fits(text, start, end, digitMinDigits[d])) {
                    addExact(windows, r, Math.max(0, start - 4), Math.min(n, end + 1));
                }
            }
        }
        if (ibanRules.length > 0 && ibanStart(text, start)) {
            for (int r : ibanRules) {
                if (active[r]) {
                    addExact(windows, r, start - 2, Math.min(n, start + 46));
                }
            }
        }
        return end;
    }

    /**
     * Whether the digit run at {@code start} can begin an IBAN: two capitals before it at the start of a
     * word (an IBAN stands alone; in base64 or an identifier the letters are glued to others) and two
     * check digits. Base64 blobs are full of capitals before digits; this keeps the IBAN rule off them.
     */
    private static boolean ibanStart(String text, int start) {
        return start >= 2
                && isUpper(text.charAt(start - 2))
                && isUpper(text.charAt(start - 1))
                && (start == 2 || !isAsciiWordChar(text.charAt(start - 3)))
                && start + 1 < text.length()
                && isDigit(text.charAt(start + 1));
    }

    /**
     * Finds hex-and-colon runs from the colons: most text has few colons, so {@link String#indexOf(int)}
     * (vectorised) skips to them instead of every character being tested.
     */
    private void hexColonRuns(String text, Windows[] windows, boolean[] active) {
        int n = text.length();
        int scanned = 0;
        int colon = text.indexOf(':');
        while (colon >= 0) {
            int after = colon + 1;
            while (after < n && isHexColon(text.charAt(after)) && text.charAt(after) != ':') {
                after++;
            }
            if (after == n || text.charAt(after) != ':') {
                // the run holds this colon alone (a time of day, "key": value): no need to find its start
                scanned = after;
                colon = after < n ? text.indexOf(':', after) : -1;
                continue;
            }
            int start = colon;
            while (start > scanned && isHexColon(text.charAt(start - 1))) {
                start--;
            }
            int i = start;
            int colons = 0;
            boolean doubleColon = false;
            while (i < n && isHexColon(text.charAt(i))) {
                if (text.charAt(i) == ':') {
                    colons++;
                    doubleColon |= i > start && text.charAt(i - 1) == ':';
                }
                i++;
            }
            // an IPv6 address has seven colons, or fewer with "::"
            if (colons >= 6 || (doubleColon && colons >= 2)) {
                for (int r : hexColonRules) {
                    if (active[r]) {
                        addExact(windows, r, Math.max(0, start - 1), Math.min(n, i + 1));
                    }
                }
            }
            scanned = i;
            colon = i < n ? text.indexOf(':', i) : -1;
        }
    }

    /** The longest local part of an e-mail address (RFC 5321). */
    private static final int LOCAL_PART = 64;

    /**
     * Finds each {@code @} ({@link String#indexOf(int)}, vectorised) and the run of local-part characters
     * before it; where that run is 1 to {@value #LOCAL_PART} long, an e-mail rule is tried anchored at the
     * character before it (see {@link Trigger.EmailAt}). Searching a window around each {@code @} made
     * RE2/J step through some 330 characters for each one, about 30 µs.
     */
    private void emailStarts(String text, Windows[] windows, boolean[] active) {
        int n = text.length();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int start = at;
            while (start > 0 && at - start <= LOCAL_PART && isLocalPartChar(text.charAt(start - 1))) {
                start--;
            }
            if (start == at || at - start > LOCAL_PART) {
                continue; // nothing before the @, or more than a local part can hold
            }
            int matchStart = start == 0 ? 0 : start - 1;
            for (int r : emailRules) {
                if (active[r]) {
                    windowsOf(windows, r)
                            .append(
                                    matchStart,
                                    Math.min(n, at + 1 + rules.get(r).windowAfter()));
                }
            }
        }
    }

    private static boolean isLocalPartChar(char c) {
        return isAsciiWordChar(c) || c == '.' || c == '%' || c == '+' || c == '-';
    }

    private static void addExact(Windows[] windows, int r, int start, int end) {
        windowsOf(windows, r).add(start, end);
    }

    /** Rule {@code r}'s windows in this text, made at its first trigger. */
    private static Windows windowsOf(Windows[] windows, int r) {
        Windows w = windows[r];
        if (w == null) {
            w = windows[r] = new Windows();
        }
        return w;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A word character as RE2's {@code \b} sees it: ASCII only. */
    private static boolean isAsciiWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isHexColon(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }

    private static void match(Rule rule, String text, Windows windows, List<Hit> hits) {
        int n = text.length();
        int lastEnd = -1;
        Matcher m = null;
        for (int w = 0; w < windows.size; w++) {
            int start = widenStart(text, windows.starts[w]);
            int end = widenEnd(text, windows.ends[w]);
            String window = text.substring(start, end);
            // one matcher per rule and text, reset for each window: a matcher is not cheap to make
            m = m == null ? rule.regex().matcher(window) : m.reset(window);
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                int matchStart = start + m.start();
                if (matchStart < lastEnd) {
                    continue;
                }
                Matcher source = m;
                int offset = start;
                if (m.end() == window.length() && end < n) {
                    String longer = text.substring(matchStart, Math.min(n, matchStart + EXTENDED));
                    Matcher again = rule.regex().matcher(longer);
                    if (again.find() && again.start() == 0) {
                        source = again;
                        offset = matchStart;
                    }
                }
                int group = secretGroup(rule, source);
                int secretStart = offset + source.start(group);
                int secretEnd = offset + source.end(group);
                int matchEnd = offset + source.end();
                lastEnd = matchEnd;
                if (accepted(rule, text, matchStart, matchEnd, secretStart, secretEnd)) {
                    hits.add(new Hit(rule, secretStart, secretEnd));
                }
                if (source != m) {
                    break; // the longer match ran past this window
                }
            }
        }
    }

    /**
     * Matches a rule whose every match begins with a keyword only where one of its keywords starts,
     * anchored there, instead of searching its windows: a rule with {@code windowBefore = 0} says so, and
     * {@link MatchStart} reads it from most secret formats' regexes ({@code \b(ghp_...}). The search would
     * find the same matches; but it also has to try every later position of the window, and on the code
     * and configuration where words like "token" are assigned something, that failing search was most of
     * the engine's time. The window is not widened backwards, so RE2/J sees the keyword's start as the
     * text's start; a leading {@code \b} that {@link MatchStart} found is checked by hand instead.
     *
     * <p>An assignment rule's window first goes through {@link AssignmentValue}: where it shows that no
     * value there can be accepted, RE2/J is not run. A match refused later still hides the keywords
     * inside it from this loop, so a window is skipped only when no later keyword starts before the
     * furthest such a match could reach; otherwise the regex runs as before and decides.
     */
    private static void matchAnchored(
            Rule rule, AssignmentValue value, boolean boundaryBefore, String text, Windows triggers, List<Hit> hits) {
        int n = text.length();
        triggers.sortByStart();
        int lastEnd = -1;
        Matcher m = null;
        for (int w = 0; w < triggers.size; w++) {
            int start = triggers.starts[w];
            if (start < lastEnd || (w > 0 && start == triggers.starts[w - 1])) {
                continue; // inside the previous match, or the same place again
            }
            if (boundaryBefore && start > 0 && isAsciiWordChar(text.charAt(start - 1))) {
                continue; // the regex's \b: the keyword is glued to the word before it
            }
            int end = widenEnd(text, triggers.ends[w]);
            if (value != null) {
                int furthest = value.check(text, start, end);
                if (furthest == AssignmentValue.NO_MATCH
                        || (furthest >= 0 && (w + 1 == triggers.size || triggers.starts[w + 1] >= furthest))) {
                    continue;
                }
            }
            String window = text.substring(start, end);
            m = m == null ? rule.regex().matcher(window) : m.reset(window);
            if (!m.lookingAt() || m.end() == 0) {
                continue;
            }
            Matcher source = m;
            if (m.end() == window.length() && end < n) {
                Matcher again = rule.regex().matcher(text.substring(start, Math.min(n, start + EXTENDED)));
                if (again.lookingAt()) {
                    source = again;
                }
            }
            int group = secretGroup(rule, source);
            int secretStart = start + source.start(group);
            int secretEnd = start + source.end(group);
            int matchEnd = start + source.end();
            lastEnd = matchEnd;
            if (accepted(rule, text, start, matchEnd, secretStart, secretEnd)) {
                hits.add(new Hit(rule, secretStart, secretEnd));
            }
        }
    }

    /** gitleaks' choice: the configured group, else the first group that matched, else the whole match. */
    private static int secretGroup(Rule rule, Matcher m) {
        if (rule.secretGroup() > 0 && m.start(rule.secretGroup()) >= 0) {
            return rule.secretGroup();
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
                return g;
            }
        }
        return 0;
    }

    private static boolean accepted(
            Rule rule, String text, int matchStart, int matchEnd, int secretStart, int secretEnd) {
        CharSequence secret = text.subSequence(secretStart, secretEnd);
        if (rule.entropy() > 0 && Entropy.shannon(secret) < rule.entropy()) {
            return false;
        }
        if (!rule.validator().accepts(secret)) {
            return false;
        }
        if (rule.allowlists().isEmpty()) {
            return true;
        }
        CharSequence match = text.subSequence(matchStart, matchEnd);
        // the line only when an allowlist looks at it: finding and copying it costs up to 8 KiB per match
        CharSequence line = null;
        for (Allowlist allowlist : rule.allowlists()) {
            if (line == null && allowlist.target() == Allowlist.Target.LINE) {
                line = line(text, matchStart, matchEnd);
            }
            if (allowlist.allows(secret, match, line)) {
                return false;
            }
        }
        return true;
    }

    private static CharSequence line(String text, int start, int end) {
        int from = start;
        int limit = Math.max(0, start - LINE_LIMIT);
        while (from > limit && text.charAt(from - 1) != '\n') {
            from--;
        }
        int to = end;
        int max = Math.min(text.length(), end + LINE_LIMIT);
        while (to < max && text.charAt(to) != '\n') {
            to++;
        }
        return text.subSequence(from, to);
    }

    private static int widenStart(String text, int start) {
        int limit = Math.max(0, start - WIDEN);
        int i = start;
        while (i > limit && isWordChar(text.charAt(i - 1))) {
            i--;
        }
        return i > limit || i == 0 ? i : start;
    }

    private static int widenEnd(String text, int end) {
        int limit = Math.min(text.length(), end + WIDEN);
        int i = end;
        while (i < limit && isWordChar(text.charAt(i))) {
            i++;
        }
        return i < limit || i == text.length() ? i : end;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** The windows of one rule, merged as they are added (triggers arrive in text order). */
    private static final class Windows {
        int[] starts = new int[4];
        int[] ends = new int[4];
        int size;

        /** Adds a window without merging it into the previous one. */
        void append(int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        /** Orders the windows by where they start (keywords are found where they end, not start). */
        void sortByStart() {
            for (int i = 1; i < size; i++) {
                int start = starts[i];
                int end = ends[i];
                int j = i - 1;
                while (j >= 0 && starts[j] > start) {
                    starts[j + 1] = starts[j];
                    ends[j + 1] = ends[j];
                    j--;
                }
                starts[j + 1] = start;
                ends[j + 1] = end;
            }
        }

        void add(int start, int end) {
            if (size > 0 && start <= ends[size - 1]) {
                starts[size - 1] = Math.min(starts[size - 1], start);
                ends[size - 1] = Math.max(ends[size - 1], end);
                return;
            }
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }
    }
}
