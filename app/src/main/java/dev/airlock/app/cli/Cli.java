package dev.airlock.app.cli;

import dev.airlock.app.daemon.Daemon;
import dev.airlock.app.daemon.DaemonException;
import dev.airlock.app.daemon.DaemonOptions;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code airlock} command line. Streams and environment come in through the constructor so
 * that tests run it in-process; {@link #run} returns the exit code instead of exiting.
 */
public final class Cli {

    /** Set before logging starts: the log configuration then also writes {@code airlock.log} there. */
    public static final String LOG_DIR_PROPERTY = "airlock.logDir";

    static final int USAGE = CommandLine.ExitCode.USAGE;

    private final CliContext context;
    private final DaemonRunner daemon;

    public Cli(PrintStream out, PrintStream err, Map<String, String> env) {
        this(out, err, env, Cli::runDaemon);
    }

    public Cli(PrintStream out, PrintStream err, Map<String, String> env, DaemonRunner daemon) {
        this(out, err, env, daemon, SecretInput.system());
    }

    /** @param secretInput where {@code airlock secret set} reads the value */
    Cli(PrintStream out, PrintStream err, Map<String, String> env, DaemonRunner daemon, SecretInput secretInput) {
        this.context = new CliContext(System.in, out, err, Map.copyOf(env), secretInput);
        this.daemon = daemon;
    }

    public int run(String... args) {
        CommandLine commandLine = new CommandLine(new Root(context))
                .addSubcommand(new DaemonCommand(context, daemon))
                .addSubcommand(new EngineCommands.Status(context))
                .addSubcommand(new EngineCommands.Servers(context))
                .addSubcommand(new EngineCommands.Enable(context))
                .addSubcommand(new EngineCommands.Disable(context))
                .addSubcommand(new EngineCommands.Approve(context))
                .addSubcommand(new EngineCommands.ClientToken(context))
                .addSubcommand(new EngineCommands.SignIn(context))
                .addSubcommand(new EngineCommands.SignOut(context))
                .addSubcommand(new CommandLine(new SecretCommands.Secret(context))
                        .addSubcommand(new SecretCommands.Set(context))
                        .addSubcommand(new SecretCommands.Remove(context)))
                .addSubcommand(new EngineCommands.Activity(context))
                .addSubcommand(new BridgeCommand(context))
                .setOut(writer(context.out()))
                .setErr(writer(context.err()))
                .setParameterExceptionHandler(this::usageError)
                .setExecutionExceptionHandler(this::unexpectedError);
        return commandLine.execute(args);
    }

    /** The real daemon: its log goes to the state directory, so the property is set before it logs. */
    static int runDaemon(DaemonOptions options, Map<String, String> environment) throws DaemonException {
        options.stateDirectory().create();
        System.setProperty(LOG_DIR_PROPERTY, options.stateDirectory().logs().toString());
        return new Daemon(options, environment).run();
    }

    private int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message;
        if (e instanceof UnmatchedArgumentException unmatched
                && command.getParent() == null
                && !unmatched.isUnknownOption()
                && !unmatched.getUnmatched().isEmpty()) {
            message = "Unknown command '" + unmatched.getUnmatched().getFirst()
                    + "'. Run `airlock --help` to see the commands.";
        } else {
            message = sentence(e.getMessage()) + " Run `"
                    + command.getCommandSpec().qualifiedName() + " --help` for usage.";
        }
        new Output(context, wantsJson(args)).failure("usage", message);
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A bug, not a situation a user can fix: still one line, never a stack trace on their screen. */
    private int unexpectedError(Exception e, CommandLine command, ParseResult parseResult) {
        String[] args = parseResult.originalArgs().toArray(String[]::new);
        return new Output(context, wantsJson(args)).failure("internal", "Unexpected error: " + e);
    }

    private static boolean wantsJson(String[] args) {
        return Arrays.stream(args).takeWhile(a -> !a.equals("--")).anyMatch("--json"::equals);
    }

    private static String sentence(String message) {
        String text = message == null ? "Invalid command line" : message.strip();
        return text.endsWith(".") ? text : text + ".";
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }

    @Command(
            name = "airlock",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            description = "Runs your company's approved MCP servers in isolated containers behind a local gateway.",
            footer = {
                "",
                "Run `airlock` without arguments to open the desktop app, or `airlock --demo` to try it with the",
                "demo organization (development builds)."
            })
    static final class Root implements Callable<Integer> {

        private final CliContext context;

        Root(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            new Output(context, false).failure("usage", "Missing command. Run `airlock --help` to see the commands.");
            return USAGE;
        }
    }
}
