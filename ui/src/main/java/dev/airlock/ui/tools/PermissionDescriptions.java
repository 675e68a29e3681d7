package dev.airlock.ui.tools;

import dev.airlock.runtime.control.PermissionsView;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * A server's permissions in plain words, for people who do not know what egress or a bind mount is:
 * "No internet access", "Can connect to api.github.com", "Can read files in Documents/Reports".
 */
public final class PermissionDescriptions {

    private final ResourceBundle strings;

    public PermissionDescriptions(ResourceBundle strings) {
        this.strings = strings;
    }

    /** One sentence per permission: the network first, then files. */
    public List<String> describe(PermissionsView permissions) {
        if (permissions.remoteHost() != null) {
            return List.of(
                    MessageFormat.format(strings.getString("permission.remote"), permissions.remoteHost()),
                    strings.getString("permission.noFiles"));
        }
        var lines = new ArrayList<String>();
        lines.add(network(permissions));
        if (permissions.read().isEmpty() && permissions.write().isEmpty()) {
            lines.add(strings.getString("permission.noFiles"));
        }
        for (String folder : permissions.read()) {
            lines.add(MessageFormat.format(strings.getString("permission.readFiles"), folder(folder)));
        }
        for (String folder : permissions.write()) {
            lines.add(MessageFormat.format(strings.getString("permission.writeFiles"), folder(folder)));
        }
        return List.copyOf(lines);
    }

    private String network(PermissionsView permissions) {
        if (permissions.anyHost()) {
            return strings.getString("permission.anyHost");
        }
        if (permissions.hosts().isEmpty()) {
            return strings.getString("permission.noNetwork");
        }
        String hosts = join(permissions.hosts());
        if (permissions.ports().isEmpty()) {
            return MessageFormat.format(strings.getString("permission.hosts"), hosts);
        }
        String ports = permissions.ports().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return MessageFormat.format(
                strings.getString(permissions.ports().size() == 1 ? "permission.hostsPort" : "permission.hostsPorts"),
                hosts,
                ports);
    }

    /** "~/Documents/Reports" and "/home/alex/Documents/Reports" read as "Documents/Reports". */
    static String folder(String path) {
        String home = System.getProperty("user.home");
        String shown = path;
        if (shown.startsWith("~/")) {
            shown = shown.substring(2);
        } else if (home != null && shown.startsWith(home + "/")) {
            shown = shown.substring(home.length() + 1);
        }
        return shown.isEmpty() ? "~" : shown;
    }

    private String join(List<String> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + strings.getString("word.and") + " "
                + items.getLast();
    }
}
