package dev.airlock.app.cli;

import dev.airlock.runtime.server.ServerSecrets;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where {@code airlock secret set} reads the value from: the terminal, without showing what is
 * typed, when there is one; otherwise the first line of standard input, so that a password manager
 * can pipe it in. The value is never an argument, which would land in shell history and in the
 * process list.
 */
@FunctionalInterface
interface SecretInput {

    /** The most bytes one line of standard input may have: any value the engine accepts fits. */
    int MAX_LINE_BYTES = 4 * ServerSecrets.MAX_VALUE_CHARS + 2;

    /**
     * The value, or null when none was given (the input ended first).
     *
     * @param prompt shown on the terminal when asking there; never on stdout
     */
    String read(String prompt) throws IOException;

    /** The real terminal when this process has one, else this process's standard input. */
    static SecretInput system() {
        return prompt -> {
            Console console = System.console();
            if (console != null && console.isTerminal()) {
                char[] typed = console.readPassword("%s", prompt);
                if (typed == null) {
                    return null;
                }
                try {
                    return new String(typed);
                } finally {
                    Arrays.fill(typed, '\0');
                }
            }
            return firstLine(System.in);
        };
    }

    /** The first line of a stream, without its line break ({@code \n} or {@code \r\n}). */
    static SecretInput lineOf(InputStream in) {
        return prompt -> firstLine(in);
    }

    /**
     * Reads up to the first line break or the end of the input, never more than {@link
     * #MAX_LINE_BYTES}.
     *
     * @return null when the input is empty
     * @throws IOException also when the line is too long
     */
    private static String firstLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b = in.read();
        if (b == -1) {
            return null;
        }
        for (; b != -1 && b != '\n'; b = in.read()) {
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("The value on standard input is longer than any secret Airlock accepts ("
                        + ServerSecrets.MAX_VALUE_CHARS + " characters).");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
