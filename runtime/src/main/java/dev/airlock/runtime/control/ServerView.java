package dev.airlock.runtime.control;

import java.util.List;

/**
 * A catalog entry and its current state, as the CLI and the UI show it.
 *
 * @param state one of {@code off}, {@code starting}, {@code running}, {@code failed}, {@code unavailable},
 *     {@code needs-secret} (turned on, waiting for a secret the user has not stored yet)
 * @param detail for {@code failed} and {@code unavailable}, the reason in plain words; else null
 * @param url the gateway URL of this server, when it is running; else null
 * @param permissions what the company's policy lets it do beyond its container
 * @param secrets the secrets it needs from the user, and whether each is stored
 * @param tools what Airlock's tool guard hid or warned about in its tools, while it runs; null when they
 *     have not been reviewed (it is not running, or has no tools)
 */
public record ServerView(
        String name,
        String shortName,
        String title,
        String description,
        String version,
        String state,
        String detail,
        String url,
        PermissionsView permissions,
        List<SecretNeed> secrets,
        ToolReviewView tools) {

    public ServerView {
        permissions = permissions == null ? PermissionsView.NONE : permissions;
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        tools = tools == null ? ToolReviewView.NONE : tools;
    }
}
