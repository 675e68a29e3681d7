package dev.airlock.runtime.activity;

import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.Writer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The JSON text an activity record keeps of a request or an answer: at most {@link #MAX_CHARS}
 * characters, then {@link #SHORTENED}. A large tree is written only as far as the limit, so a 4 MB
 * tool result costs the gateway no more than a small one.
 */
public final class CallText {

    /** How much of a request or an answer a record keeps. */
    public static final int MAX_CHARS = 16 * 1024;

    /** Ends a text that was cut. */
    public static final String SHORTENED = "… (shortened)";

    private CallText() {}

    /** The node as JSON text, shortened when long; null for null. */
    public static String json(JsonNode node) {
        if (node == null) {
            return null;
        }
        var out = new LimitedWriter(MAX_CHARS);
        try {
            Json.mapper().writeValue(out, node);
        } catch (JacksonException e) {
            if (!out.full) {
                throw e;
            }
        }
        return out.text();
    }

    /** Cuts a text longer than {@link #MAX_CHARS}; a text this class already shortened stays as it is. */
    public static String shorten(String text) {
        if (text == null
                || text.length() <= MAX_CHARS
                || (text.length() <= MAX_CHARS + SHORTENED.length() && text.endsWith(SHORTENED))) {
            return text;
        }
        return text.substring(0, cutAt(text, MAX_CHARS)) + SHORTENED;
    }

    /** Never between the two halves of a surrogate pair. */
    private static int cutAt(CharSequence text, int max) {
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }

    /** Keeps the first characters written to it, and stops the writing once it has enough. */
    private static final class LimitedWriter extends Writer {

        /** Thrown to stop the serializer; without a stack trace, so it is cheap. */
        private static final class Enough extends IOException {
            Enough() {
                super("the record has enough of this text");
            }

            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        }

        private final int max;
        private final StringBuilder text = new StringBuilder(256);
        private boolean full;

        LimitedWriter(int max) {
            this.max = max;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            append(chars, offset, length, null);
        }

        @Override
        public void write(String string, int offset, int length) throws IOException {
            append(null, offset, length, string);
        }

        @Override
        public void write(int c) throws IOException {
            if (text.length() >= max) {
                full = true;
                throw new Enough();
            }
            text.append((char) c);
        }

        private void append(char[] chars, int offset, int length, String string) throws IOException {
            if (full) {
                throw new Enough();
            }
            int room = max - text.length();
            int taken = Math.min(room, length);
            if (chars != null) {
                text.append(chars, offset, taken);
            } else {
                text.append(string, offset, offset + taken);
            }
            if (taken < length) {
                full = true;
                throw new Enough();
            }
        }

        String text() {
            if (!full) {
                return text.toString();
            }
            text.setLength(cutAt(text, max));
            return text.append(SHORTENED).toString();
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
