package dev.airlock.app.platform.autostart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Linux and other XDG desktops: a desktop entry in {@code $XDG_CONFIG_HOME/autostart}
 * ({@code ~/.config/autostart} by default), which GNOME, KDE, Xfce and others start at login.
 */
public final class XdgAutoStart extends EntryFileAutoStart {

    static final String FILE_NAME = "airlock.desktop";

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_/.+,:=@%-]+");

    /** @param configHome the XDG config directory, see {@link #configHome} */
    public XdgAutoStart(Path configHome, LaunchCommand launcher) {
        super(configHome.resolve("autostart").resolve(FILE_NAME), launcher);
    }

    /** {@code $XDG_CONFIG_HOME} when it is an absolute path (as the spec requires), else {@code ~/.config}. */
    public static Path configHome(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return home.resolve(".config");
    }

    /** The entry is there, and the desktop's own settings have not switched it off. */
    @Override
    public boolean isEnabled() throws AutoStartException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(line -> line.strip().toLowerCase(Locale.ROOT).replace(" ", ""))
                    .noneMatch(line -> line.equals("hidden=true") || line.equals("x-gnome-autostart-enabled=false"));
        } catch (IOException | RuntimeException e) {
            throw new AutoStartException("Airlock could not read " + file + ".", e);
        }
    }

    @Override
    String content() {
        return entry(launcher);
    }

    static String entry(LaunchCommand launcher) {
        var exec = new StringBuilder(exec(launcher.executable().toString()));
        launcher.arguments().forEach(argument -> exec.append(' ').append(exec(argument)));
        return String.join(
                "\n",
                List.of(
                        "[Desktop Entry]",
                        "Type=Application",
                        "Name=Airlock",
                        "Comment=Runs the AI tools your company approved",
                        "Exec=" + exec,
                        "Terminal=false",
                        "X-GNOME-Autostart-enabled=true",
                        ""));
    }

    /**
     * One argument of {@code Exec}, per the Desktop Entry Specification: {@code %} is doubled; an
     * argument with other than plain characters is quoted, with {@code " ` $ \} escaped by a
     * backslash; then, as in every string value, each backslash is escaped once more.
     */
    static String exec(String argument) {
        String percent = argument.replace("%", "%%");
        if (PLAIN.matcher(argument).matches()) {
            return percent;
        }
        var quoted = new StringBuilder("\"");
        for (char c : percent.toCharArray()) {
            if (c == '"' || c == '`' || c == '$' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        quoted.append('"');
        return quoted.toString().replace("\\", "\\\\");
    }
}
