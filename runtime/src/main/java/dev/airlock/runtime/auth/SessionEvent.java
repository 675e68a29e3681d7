package dev.airlock.runtime.auth;

/** A change in who is signed in, for the UI and for whatever depends on the user's roles. */
public sealed interface SessionEvent {

    /** Someone signed in, a saved sign-in was restored, or the user's details changed on renewal. */
    record SignedIn(SignedInUser user) implements SessionEvent {}

    /**
     * No one is signed in any more.
     *
     * @param byUser true when the user signed out; false when the provider ended the session
     * @param message what to tell the user
     */
    record SignedOut(boolean byUser, String message) implements SessionEvent {}
}
