package dev.airlock.app.platform.autostart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * macOS: a LaunchAgent, {@code ~/Library/LaunchAgents/dev.airlock.plist}, which launchd runs at
 * login. It is not loaded now (that would start a second Airlock); macOS reads it at the next login
 * and, from macOS 13, tells the person a login item was added.
 */
public final class LaunchAgentAutoStart extends EntryFileAutoStart {

    static final String LABEL = "dev.airlock";

    /** @param home the user's home directory */
    public LaunchAgentAutoStart(Path home, LaunchCommand launcher) {
        super(home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist"), launcher);
    }

    @Override
    String content() {
        return plist(launcher);
    }

    static String plist(LaunchCommand launcher) {
        var arguments = new ArrayList<String>();
        arguments.add(launcher.executable().toString());
        arguments.addAll(launcher.arguments());
        var lines = new ArrayList<>(List.of(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">",
                "<plist version=\"1.0\">",
                "<dict>",
                "  <key>Label</key>",
                "  <string>" + LABEL + "</string>",
                "  <key>ProgramArguments</key>",
                "  <array>"));
        arguments.forEach(argument -> lines.add("    <string>" + xml(argument) + "</string>"));
        lines.addAll(List.of(
                "  </array>",
                "  <key>RunAtLoad</key>",
                "  <true/>",
                // a desktop app: only in a graphical login, with the priority of one
                "  <key>LimitLoadToSessionType</key>",
                "  <string>Aqua</string>",
                "  <key>ProcessType</key>",
                "  <string>Interactive</string>",
                "</dict>",
                "</plist>",
                ""));
        return String.join("\n", lines);
    }

    static String xml(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
