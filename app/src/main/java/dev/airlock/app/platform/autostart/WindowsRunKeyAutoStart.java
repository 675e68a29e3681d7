package dev.airlock.app.platform.autostart;

import dev.airlock.app.platform.CommandRunner;
import java.io.IOException;
import java.util.List;

/**
 * Windows: the value {@code Airlock} under {@code HKCU\Software\Microsoft\Windows\CurrentVersion\Run},
 * written and removed with {@code reg.exe}. Windows lists it under Settings › Apps › Startup, where
 * the person can also switch it off.
 */
public final class WindowsRunKeyAutoStart implements AutoStart {

    static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
    static final String VALUE = "Airlock";

    private final CommandRunner commands;
    private final LaunchCommand launcher;

    public WindowsRunKeyAutoStart(CommandRunner commands, LaunchCommand launcher) {
        this.commands = commands;
        this.launcher = launcher;
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public boolean isEnabled() throws AutoStartException {
        return run(queryCommand(), "read").succeeded();
    }

    @Override
    public void enable() throws AutoStartException {
        if (!run(addCommand(launcher), "write").succeeded()) {
            throw new AutoStartException(
                    "Airlock could not set itself to start at login: Windows refused to change " + KEY + ".", null);
        }
    }

    @Override
    public void disable() throws AutoStartException {
        // reg fails when the value is already gone, which is what was asked for
        if (!run(deleteCommand(), "change").succeeded() && isEnabled()) {
            throw new AutoStartException(
                    "Airlock could not stop starting at login: Windows refused to change " + KEY + ".", null);
        }
    }

    @Override
    public String location() {
        return KEY + "\\" + VALUE;
    }

    private CommandRunner.Result run(List<String> command, String what) throws AutoStartException {
        try {
            return commands.run(command);
        } catch (IOException e) {
            throw new AutoStartException("Airlock could not " + what + " its start-at-login entry (" + KEY + ").", e);
        }
    }

    static List<String> queryCommand() {
        return List.of("reg", "query", KEY, "/v", VALUE);
    }

    static List<String> deleteCommand() {
        return List.of("reg", "delete", KEY, "/v", VALUE, "/f");
    }

    static List<String> addCommand(LaunchCommand launcher) {
        return List.of("reg", "add", KEY, "/v", VALUE, "/t", "REG_SZ", "/d", argument(runValue(launcher)), "/f");
    }

    /** The value Windows runs: the launcher in quotes (its path has spaces), then its arguments. */
    static String runValue(LaunchCommand launcher) {
        var value = new StringBuilder("\"").append(launcher.executable()).append('"');
        for (String argument : launcher.arguments()) {
            value.append(' ');
            value.append(argument.contains(" ") || argument.isEmpty() ? "\"" + argument + "\"" : argument);
        }
        return value.toString();
    }

    /**
     * Prepares a value for Java's Windows command line, so reg.exe receives it as it is, quotes
     * included: Java adds outer quotes to an argument with spaces but leaves quotes inside alone,
     * and the C runtime reg.exe uses reads {@code \"} as a quote and doubles backslashes before one.
     */
    static String argument(String value) {
        var escaped = new StringBuilder();
        int backslashes = 0;
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            if (c == '"') {
                escaped.append("\\".repeat(backslashes * 2 + 1)).append('"');
            } else {
                escaped.append("\\".repeat(backslashes)).append(c);
            }
            backslashes = 0;
        }
        // before Java's closing quote, trailing backslashes would escape it: Java doubles them itself
        escaped.append("\\".repeat(backslashes));
        return escaped.toString();
    }
}
