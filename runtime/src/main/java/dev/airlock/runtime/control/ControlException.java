package dev.airlock.runtime.control;

/**
 * A control request that could not be carried out. The message is one sentence a person can act
 * on; the code is stable for scripts ({@code --json}).
 */
public final class ControlException extends Exception {

    private final String code;

    public ControlException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
