package dev.airlock.ui.tools;

import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.ToolReviewView;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * One approved tool as its card shows it: derived from the engine's view of the server, so a card
 * is always exactly what the engine says.
 *
 * @param state how the card looks
 * @param stateText "Off", "Starting…", "On", "Needs attention", "Not available"
 * @param progress what is happening while it starts ("Building: …"), else null
 * @param reason why it needs attention or is not available, in a sentence; else null
 * @param reasonDetail the engine's own words behind a failure (one click away), else null
 * @param permissions its permissions in plain words
 * @param secrets the secrets it needs from the user
 * @param review what Airlock's tool guard hid or warned about in its tools (while it is on)
 */
public record ToolCard(
        String shortName,
        String title,
        String description,
        String initial,
        State state,
        String stateText,
        String progress,
        String reason,
        String reasonDetail,
        List<String> permissions,
        List<SecretNeed> secrets,
        String url,
        ToolReviewView review) {

    /** The states a person sees. */
    public enum State {
        OFF,
        STARTING,
        ON,
        NEEDS_ATTENTION,
        UNAVAILABLE
    }

    public ToolCard {
        permissions = List.copyOf(permissions);
        secrets = List.copyOf(secrets);
        review = review == null ? ToolReviewView.NONE : review;
    }

    public static ToolCard of(ServerView server, PermissionDescriptions descriptions, ResourceBundle strings) {
        State state = switch (server.state()) {
            case "running" -> State.ON;
            case "starting" -> State.STARTING;
            case "failed", "needs-secret" -> State.NEEDS_ATTENTION;
            case "unavailable" -> State.UNAVAILABLE;
            default -> State.OFF;
        };
        String title = server.title() == null || server.title().isBlank() ? server.shortName() : server.title();
        return new ToolCard(
                server.shortName(),
                title,
                server.description() == null ? "" : server.description(),
                title.substring(0, 1).toUpperCase(Locale.ROOT),
                state,
                strings.getString("card.state." + state.name().toLowerCase(Locale.ROOT)),
                state == State.STARTING ? server.detail() : null,
                reason(server, title, strings),
                server.state().equals("failed") ? server.detail() : null,
                descriptions.describe(server.permissions()),
                server.secrets(),
                server.url(),
                state == State.ON ? server.tools() : ToolReviewView.NONE);
    }

    private static String reason(ServerView server, String title, ResourceBundle strings) {
        return switch (server.state()) {
            case "failed" ->
                ServerFailures.explain(title, server.detail(), strings).sentence();
            case "needs-secret", "unavailable" -> server.detail();
            default -> null;
        };
    }

    /** Whether the switch shows on: it is on, or on its way (starting, or waiting for a secret). */
    public boolean switchedOn() {
        return state == State.ON || state == State.STARTING || (state == State.NEEDS_ATTENTION && waitingForSecret());
    }

    /** Unavailable tools cannot be switched; the card is greyed and says why. */
    public boolean switchable() {
        return state != State.UNAVAILABLE;
    }

    /** The secrets it needs that the user has not stored. */
    public List<SecretNeed> missingSecrets() {
        return secrets.stream().filter(s -> s.required() && !s.stored()).toList();
    }

    private boolean waitingForSecret() {
        return !missingSecrets().isEmpty();
    }

    /** "Needs your GitHub personal access token", one per missing secret. */
    public List<String> needs(ResourceBundle strings) {
        return missingSecrets().stream()
                .map(secret -> MessageFormat.format(strings.getString("card.needs"), purpose(secret)))
                .toList();
    }

    /** What a secret is for, in the registry's words, else its variable name. */
    public static String purpose(SecretNeed secret) {
        String description = secret.description();
        return description == null || description.isBlank() ? secret.name() : description;
    }

    /**
     * The tools Airlock hid that the user should hear about: all but those the company's allow list
     * leaves out, which are the company's ordinary choice rather than news.
     */
    public List<HiddenToolView> hiddenToShow() {
        return review.hidden().stream()
                .filter(hidden -> !"not-allowed".equals(hidden.reason()))
                .toList();
    }

    /** Whether the search text matches this tool's name or description. */
    boolean matches(String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String needle = search.strip().toLowerCase(Locale.ROOT);
        return title.toLowerCase(Locale.ROOT).contains(needle)
                || description.toLowerCase(Locale.ROOT).contains(needle)
                || shortName.contains(needle);
    }
}
