package dev.airlock.app.daemon;

/** The engine could not start. The message is one sentence a person can act on; the code is for scripts. */
public final class DaemonException extends Exception {

    private final String code;

    public DaemonException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
