package dev.airlock.app.cli;

import dev.airlock.runtime.control.ControlClient;
import dev.airlock.runtime.control.ControlException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/** A subcommand that asks the running instance over its control socket. */
abstract class EngineCommand implements Callable<Integer> {

    @Mixin
    CommonOptions options;

    private final CliContext context;

    EngineCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public final Integer call() {
        Output output = new Output(context, options.json);
        try {
            return run(new ControlClient(options.stateDirectory(context.env())), output);
        } catch (ControlException e) {
            return output.failure(e.code(), e.getMessage());
        }
    }

    abstract int run(ControlClient engine, Output output) throws ControlException;
}
