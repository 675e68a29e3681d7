package dev.airlock.ui.tray;

import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.UserView;
import dev.airlock.ui.tray.TrayMenuItem.Action;
import dev.airlock.ui.tray.TrayMenuItem.Label;
import dev.airlock.ui.tray.TrayMenuItem.Separator;
import dev.airlock.ui.tray.TrayMenuItem.Submenu;
import dev.airlock.ui.tray.TrayMenuItem.Toggle;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Builds the tray menu from the engine's status: a pure function, so every rule is tested without a
 * toolkit. The menu is a status line, one switch per approved tool, then "Open Airlock",
 * "Activity", "Pause all" (or "Resume") and "Quit Airlock".
 *
 * <p>The icon follows the first rule that applies: nobody signed in → {@link TrayIconState#SIGNED_OUT};
 * a tool failed or waits for a secret → {@link TrayIconState#WARNING}; a tool is on or starting →
 * {@link TrayIconState#RUNNING}; else {@link TrayIconState#IDLE}.
 */
public final class TrayMenus {

    /** Action ids the menu reports; a tool's switch reports {@link #serverAction(String)}. */
    public static final String OPEN = "open";

    public static final String ACTIVITY = "activity";
    public static final String PAUSE = "pause";
    public static final String RESUME = "resume";
    public static final String QUIT = "quit";

    private static final String SERVER_PREFIX = "server:";

    /** More tools than this go into a "Tools" submenu, so the menu stays shorter than a screen. */
    static final int MOST_TOOLS_INLINE = 8;

    /** Menus are one line; longer text is cut with "…" (AWT menus do not wrap or scroll sideways). */
    static final int MAX_LABEL = 60;

    private final ResourceBundle strings;

    /** @param strings the UI's bundle, {@code dev.airlock.ui.strings} */
    public TrayMenus(ResourceBundle strings) {
        this.strings = strings;
    }

    /** The action id of one tool's switch. */
    public static String serverAction(String shortName) {
        return SERVER_PREFIX + shortName;
    }

    /** The tool a switch's action id names, if it is one. */
    public static Optional<String> serverOf(String actionId) {
        return actionId.startsWith(SERVER_PREFIX) && actionId.length() > SERVER_PREFIX.length()
                ? Optional.of(actionId.substring(SERVER_PREFIX.length()))
                : Optional.empty();
    }

    /** Whether the person has this tool turned on: it runs, starts, or waits for a secret. */
    public static boolean isOn(ServerView server) {
        return switch (server.state()) {
            case "running", "starting", "needs-secret" -> true;
            default -> false;
        };
    }

    static boolean needsAttention(ServerView server) {
        return server.state().equals("failed") || server.state().equals("needs-secret");
    }

    /**
     * Nobody is signed in. Without any company (a catalog from a file, for development) there is
     * nobody to sign in as, so a catalog there counts as signed in.
     */
    static boolean signedOut(EngineStatus status) {
        return status.user() == null
                && (status.company() != null || status.servers().isEmpty());
    }

    public static TrayIconState iconState(EngineStatus status) {
        if (signedOut(status)) {
            return TrayIconState.SIGNED_OUT;
        }
        if (status.servers().stream().anyMatch(TrayMenus::needsAttention)) {
            return TrayIconState.WARNING;
        }
        if (status.servers().stream().anyMatch(TrayMenus::isOn)) {
            return TrayIconState.RUNNING;
        }
        return TrayIconState.IDLE;
    }

    /**
     * @param paused whether "Pause all" turned tools off that "Resume" will turn on again: the menu
     *     then offers "Resume"
     */
    public TrayMenu build(EngineStatus status, boolean paused) {
        boolean signedOut = signedOut(status);
        List<ServerView> attention =
                status.servers().stream().filter(TrayMenus::needsAttention).toList();
        long on = status.servers().stream().filter(TrayMenus::isOn).count();

        var items = new ArrayList<TrayMenuItem>();
        items.add(new Label(shorten(statusLine(status, signedOut, attention, on))));
        items.add(new Separator());
        List<TrayMenuItem> toggles = status.servers().stream()
                .<TrayMenuItem>map(server -> toggle(server, signedOut))
                .toList();
        if (toggles.size() > MOST_TOOLS_INLINE) {
            items.add(new Submenu(text("tray.tools"), toggles));
            items.add(new Separator());
        } else if (!toggles.isEmpty()) {
            items.addAll(toggles);
            items.add(new Separator());
        }
        items.add(new Action(OPEN, text("tray.open"), true));
        items.add(new Action(ACTIVITY, text("tray.activity"), true));
        items.add(
                paused
                        ? new Action(RESUME, text("tray.resume"), !signedOut)
                        : new Action(PAUSE, text("tray.pauseAll"), !signedOut && on > 0));
        items.add(new Separator());
        items.add(new Action(QUIT, text("tray.quit"), true));

        TrayIconState icon = iconState(status);
        return new TrayMenu(icon, tooltip(icon, paused, on, attention.size()), items);
    }

    /** Before the engine answered for the first time. */
    public TrayMenu starting() {
        String starting = text("tray.status.starting");
        return new TrayMenu(
                TrayIconState.SIGNED_OUT,
                starting,
                List.of(
                        new Label(starting),
                        new Separator(),
                        new Action(OPEN, text("tray.open"), true),
                        new Separator(),
                        new Action(QUIT, text("tray.quit"), true)));
    }

    /** The engine could not start; the window says why and what to do. */
    public TrayMenu problem() {
        String problem = text("tray.status.problem");
        return new TrayMenu(
                TrayIconState.WARNING,
                problem,
                List.of(
                        new Label(problem),
                        new Separator(),
                        new Action(OPEN, text("tray.open"), true),
                        new Separator(),
                        new Action(QUIT, text("tray.quit"), true)));
    }

    private String statusLine(EngineStatus status, boolean signedOut, List<ServerView> attention, long on) {
        if (signedOut) {
            return text("tray.status.notSignedIn");
        }
        if (!attention.isEmpty()) {
            return format(
                    "tray.status.attention",
                    String.join(", ", attention.stream().map(TrayMenus::name).toList()));
        }
        UserView user = status.user();
        if (user == null) {
            return format("tray.status.toolsOn", on);
        }
        String who = user.name() != null && !user.name().isBlank() ? user.name() : user.email();
        return who == null || who.isBlank()
                ? format("tray.status.signedInNoName", on)
                : format("tray.status.signedIn", who, on);
    }

    private Toggle toggle(ServerView server, boolean signedOut) {
        String label = switch (server.state()) {
            case "starting" -> format("tray.server.starting", name(server));
            case "needs-secret" -> format("tray.server.needsSecret", name(server));
            case "failed" -> format("tray.server.failed", name(server));
            case "unavailable" -> format("tray.server.unavailable", name(server));
            default -> name(server);
        };
        boolean enabled = !signedOut && !server.state().equals("unavailable");
        return new Toggle(serverAction(server.shortName()), shorten(label), isOn(server), enabled);
    }

    private String tooltip(TrayIconState icon, boolean paused, long on, int attention) {
        return switch (icon) {
            case SIGNED_OUT -> text("tray.icon.signedOut");
            case WARNING -> format("tray.icon.warning", attention);
            case RUNNING -> format("tray.icon.running", on);
            case IDLE -> paused ? text("tray.icon.paused") : text("tray.icon.idle");
        };
    }

    private static String name(ServerView server) {
        return server.title() != null && !server.title().isBlank() ? server.title() : server.shortName();
    }

    static String shorten(String text) {
        return text.length() <= MAX_LABEL
                ? text
                : text.substring(0, MAX_LABEL - 1).stripTrailing() + "…";
    }

    private String text(String key) {
        return strings.getString(key);
    }

    private String format(String key, Object... arguments) {
        return new MessageFormat(strings.getString(key), strings.getLocale()).format(arguments);
    }
}
