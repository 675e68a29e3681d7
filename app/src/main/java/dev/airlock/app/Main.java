package dev.airlock.app;

import dev.airlock.app.cli.Cli;
import dev.airlock.app.desktop.DesktopApp;
import java.util.Arrays;

/**
 * The one entry point: the desktop app without arguments (or with only {@code --demo}), the command
 * line with them.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0 || Arrays.equals(args, new String[] {"--demo"})) {
            DesktopApp.launch(args.length == 1);
            return;
        }
        System.exit(new Cli(System.out, System.err, System.getenv()).run(args));
    }
}
