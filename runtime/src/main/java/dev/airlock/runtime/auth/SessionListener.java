package dev.airlock.runtime.auth;

/** Told about sign-in and sign-out, on the thread that caused them; must return quickly. */
@FunctionalInterface
public interface SessionListener {

    void sessionChanged(SessionEvent event);
}
