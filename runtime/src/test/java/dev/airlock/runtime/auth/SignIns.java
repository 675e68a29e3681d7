package dev.airlock.runtime.auth;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for sign-in attempts, with generous limits. */
final class SignIns {

    static final Duration WAIT = Duration.ofSeconds(30);

    private SignIns() {}

    /** Signs in through the manager's browser and returns the user. */
    static SignedInUser signIn(SignInManager manager) throws Exception {
        return manager.signIn().result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** How the attempt failed; an assertion error when it succeeded or failed otherwise. */
    static SignInException failureOf(SignInAttempt attempt) throws InterruptedException, TimeoutException {
        try {
            SignedInUser user = attempt.result().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("The sign-in succeeded, as " + user + ", but should have failed");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SignInException failure) {
                return failure;
            }
            throw new AssertionError("The sign-in failed with an unexpected exception", e);
        }
    }
}
