package dev.airlock.app;

import dev.airlock.app.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;

/** One run of the command line in this JVM, against the instance of a state directory. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Path stateDir, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var env = new HashMap<>(System.getenv());
        env.put("AIRLOCK_STATE_DIR", stateDir.toString());
        int code;
        try (var outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
                var errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new Cli(outStream, errStream, env).run(args);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
