package dev.airlock.app.cli;

import dev.airlock.runtime.json.Json;

/**
 * Prints one command's outcome: text for people, or with {@code --json} exactly one JSON document
 * on stdout. A failure is always one line on stderr, so scripts and people see the same reason.
 */
final class Output {

    static final int OK = 0;
    static final int FAILED = 1;

    /** The error document printed with {@code --json}. */
    record ErrorDocument(Error error) {
        record Error(String code, String message) {}
    }

    private final CliContext context;
    private final boolean json;

    Output(CliContext context, boolean json) {
        this.context = context;
        this.json = json;
    }

    /** @param human the text for people, each line ending in {@code \n} */
    int success(Object result, String human) {
        context.out().print(json ? toJson(result) : human.replace("\n", System.lineSeparator()));
        context.out().flush();
        return OK;
    }

    /**
     * Tells people what is happening while a command waits, as it happens: on stdout, or on stderr
     * with {@code --json} so that stdout stays one JSON document.
     *
     * @param human lines each ending in {@code \n}
     */
    void progress(String human) {
        var stream = json ? context.err() : context.out();
        stream.print(human.replace("\n", System.lineSeparator()));
        stream.flush();
    }

    /**
     * Prints one item of a result that keeps coming ({@code --follow}), at once: the text for people,
     * or with {@code --json} the item as one line of JSON (JSON Lines), so that stdout can be read
     * line by line.
     *
     * @param item the item for {@code --json}; null prints nothing there (a header, say)
     */
    void stream(Object item, String human) {
        if (json) {
            if (item == null) {
                return;
            }
            context.out().print(Json.mapper().writeValueAsString(item) + System.lineSeparator());
        } else {
            context.out().print(human.replace("\n", System.lineSeparator()));
        }
        context.out().flush();
    }

    int failure(String code, String message) {
        String line = oneLine(message);
        context.err().println("airlock: " + line);
        context.err().flush();
        if (json) {
            context.out().print(toJson(new ErrorDocument(new ErrorDocument.Error(code, line))));
            context.out().flush();
        }
        return FAILED;
    }

    private static String toJson(Object value) {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + System.lineSeparator();
    }

    private static String oneLine(String message) {
        return message == null
                ? "Unknown error."
                : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
