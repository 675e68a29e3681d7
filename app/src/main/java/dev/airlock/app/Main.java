package dev.airlock.app;

import dev.airlock.app.cli.Cli;
import dev.airlock.app.desktop.DesktopApp;

/** The one entry point: the desktop app without arguments, the command line with them. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            DesktopApp.launch(args);
            return;
        }
        System.exit(new Cli(System.out, System.err, System.getenv()).run(args));
    }
}
