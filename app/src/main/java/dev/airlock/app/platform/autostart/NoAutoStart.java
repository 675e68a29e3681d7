package dev.airlock.app.platform.autostart;

/** The fallback: start at login cannot be set up here, and the reason says why. */
public final class NoAutoStart implements AutoStart {

    private final String reason;

    public NoAutoStart(String reason) {
        this.reason = reason;
    }

    /** Why, as a sentence for the settings screen. */
    public String reason() {
        return reason;
    }

    @Override
    public boolean isSupported() {
        return false;
    }

    @Override
    public boolean isEnabled() {
        return false;
    }

    @Override
    public void enable() throws AutoStartException {
        throw new AutoStartException(reason, null);
    }

    @Override
    public void disable() {}

    @Override
    public String location() {
        return "nowhere (" + reason + ")";
    }
}
