package dev.airlock.ui.common;

import dev.airlock.runtime.control.ControlException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs engine calls off the UI thread and brings their outcome back to it: the window never waits
 * for a container to start or a person to sign in.
 */
public final class Background {

    /** An engine call that may fail with a sentence for people. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws ControlException;
    }

    private final Executor ui;
    private final Executor background;

    /**
     * @param ui runs on the UI thread (the FX application thread in the app; inline in tests)
     * @param background runs engine calls (virtual threads in the app; inline in tests)
     */
    public Background(Executor ui, Executor background) {
        this.ui = ui;
        this.background = background;
    }

    /** Runs the call; its result or its problem is delivered on the UI thread. */
    public <T> void run(Call<T> call, Consumer<T> onResult, Consumer<Problem> onProblem) {
        background.execute(() -> {
            try {
                T result = call.run();
                ui.execute(() -> onResult.accept(result));
            } catch (ControlException e) {
                ui.execute(() -> onProblem.accept(new Problem(e.getMessage(), "Error code: " + e.code())));
            } catch (RuntimeException e) {
                ui.execute(() -> onProblem.accept(new Problem(
                        "Something went wrong inside Airlock. Try again; if it keeps happening, tell your IT team.",
                        e.toString())));
            }
        });
    }

    /** Runs something on the UI thread. */
    public void onUi(Runnable action) {
        ui.execute(action);
    }
}
