package dev.airlock.runtime.registry;

import dev.airlock.runtime.auth.AccessTokenSource;
import dev.airlock.runtime.auth.NotSignedInException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hands out {@code token-1}, and {@code token-2} after that one was rejected, and so on. */
final class FakeTokens implements AccessTokenSource {

    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private volatile int generation = 1;
    private volatile boolean signedIn = true;

    @Override
    public String accessToken() throws NotSignedInException {
        if (!signedIn) {
            throw new NotSignedInException("You are not signed in. Sign in to Airlock to see your company's servers.");
        }
        return "token-" + generation;
    }

    @Override
    public void rejected(String accessToken) {
        rejected.add(accessToken);
        if (accessToken.equals("token-" + generation)) {
            generation++;
        }
    }

    void signOut() {
        signedIn = false;
    }

    List<String> rejected() {
        return List.copyOf(rejected);
    }
}
