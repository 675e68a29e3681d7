package dev.airlock.app.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch outside itself: its input and output streams, the environment, and where a
 * secret is read from.
 */
record CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, SecretInput secretInput) {}
