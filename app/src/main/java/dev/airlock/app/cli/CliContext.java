package dev.airlock.app.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch outside itself: its output streams, the environment, and where a secret
 * is read from.
 */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env, SecretInput secretInput) {}
