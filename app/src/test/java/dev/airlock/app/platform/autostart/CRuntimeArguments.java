package dev.airlock.app.platform.autostart;

/**
 * Reads one argument from a Windows command line as the Microsoft C runtime does (the rules
 * documented for {@code CommandLineToArgvW}): 2n backslashes before a quote give n backslashes and
 * toggle quoting, 2n+1 give n backslashes and a literal quote, other backslashes are literal.
 */
final class CRuntimeArguments {

    private CRuntimeArguments() {}

    static String parseOne(String commandLine) {
        var out = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < commandLine.length()) {
            char c = commandLine.charAt(i);
            if (c == '\\') {
                int start = i;
                while (i < commandLine.length() && commandLine.charAt(i) == '\\') {
                    i++;
                }
                int count = i - start;
                if (i < commandLine.length() && commandLine.charAt(i) == '"') {
                    out.append("\\".repeat(count / 2));
                    if (count % 2 == 1) {
                        out.append('"');
                        i++;
                    }
                } else {
                    out.append("\\".repeat(count));
                }
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                throw new IllegalArgumentException("more than one argument: " + commandLine);
            } else {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }
}
