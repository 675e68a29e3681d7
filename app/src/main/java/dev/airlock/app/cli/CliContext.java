package dev.airlock.app.cli;

import java.io.PrintStream;
import java.util.Map;

/** What a command may touch outside itself: its output streams and the environment. */
record CliContext(PrintStream out, PrintStream err, Map<String, String> env) {}
