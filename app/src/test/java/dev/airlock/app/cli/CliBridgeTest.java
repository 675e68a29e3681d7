package dev.airlock.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code airlock bridge}'s command line: wrong ones fail before anything reaches stdout, the protocol. */
class CliBridgeTest {

    record Result(int exitCode, String out, String err) {}

    @Test
    void withoutAServerOrAllItIsAUsageError() {
        Result result = run("bridge");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("airlock: ").contains("SERVER").contains("--all");
    }

    @Test
    void aServerAndAllTogetherIsAUsageError() {
        Result result = run("bridge", "everything", "--all");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("mutually exclusive");
    }

    @Test
    void aClientNameThatCannotNameATokenIsAUsageError() {
        Result slash = run("bridge", "everything", "--client", "claude/desktop");
        Result tooLong = run("bridge", "--all", "--client", "a".repeat(58));

        assertThat(slash.exitCode()).isEqualTo(2);
        assertThat(slash.err())
                .isEqualTo("airlock: --client may use letters, digits, spaces, dots, dashes and underscores, at most 57"
                        + " of them. Run `airlock bridge --help` for usage." + System.lineSeparator());
        assertThat(tooLong.exitCode()).isEqualTo(2);
        assertThat(slash.out() + tooLong.out()).isEmpty();
    }

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exitCode;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = new Cli(outStream, errStream, Map.of()).run(args);
        }
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
