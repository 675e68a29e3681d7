package dev.airlock.runtime.container;

/** No container engine could be reached. The message is for people; the detail is for the log. */
public final class EngineUnavailableException extends Exception {

    private final String detail;

    public EngineUnavailableException(String message, String detail) {
        super(message);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }
}
