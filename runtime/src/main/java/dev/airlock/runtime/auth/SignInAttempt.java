package dev.airlock.runtime.auth;

import java.util.concurrent.CompletableFuture;

/**
 * One interactive sign-in in progress. {@link #result()} completes with the signed-in user, or fails
 * with a {@link SignInException} whose message is for the user. {@link #cancel()} (or cancelling the
 * future) stops the local listener at once.
 */
public final class SignInAttempt {

    private final CompletableFuture<SignedInUser> result = new CompletableFuture<>();

    SignInAttempt() {}

    public CompletableFuture<SignedInUser> result() {
        return result;
    }

    /** Stops the sign-in; does nothing once it has ended. */
    public synchronized void cancel() {
        result.completeExceptionally(new SignInException(SignInException.Reason.CANCELLED, "Sign-in was cancelled."));
    }

    public boolean isDone() {
        return result.isDone();
    }

    /** Runs the action when the attempt ends for any reason; at once if it already has. */
    void onEnd(Runnable action) {
        result.whenComplete((user, failure) -> action.run());
    }

    /**
     * Ends in success. {@code install} runs first, and only if the attempt was not cancelled
     * meanwhile, so a cancelled sign-in never leaves a session behind.
     */
    synchronized boolean succeed(SignedInUser user, Runnable install) {
        if (result.isDone()) {
            return false;
        }
        install.run();
        return result.complete(user);
    }

    synchronized void fail(SignInException failure) {
        result.completeExceptionally(failure);
    }
}
