package dev.airlock.ui.tray;

import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * What the tray's clicks do, without a toolkit: switches turn tools on and off, "Pause all" turns
 * off every tool that is on and remembers them, "Resume" turns exactly those on again, and the other
 * entries are passed to the {@link Host}. Every change of state is shown through the view callback
 * (the tray adapter's {@code update}).
 *
 * <p>Threading: {@link #handle} calls the engine and blocks until it answered (turning a tool on can
 * take minutes), so call it on a background thread, never on the FX or AWT thread; the AWT tray
 * adapter does. {@link #show} and {@link #showProblem} return at once and may be called from any
 * thread. The {@link Host}'s methods and the view callback run on the calling thread.
 */
public final class TrayController {

    /** What the tray asks of the rest of the app. Runs on a background thread: hop to the FX thread. */
    public interface Host {
        void openWindow();

        void openActivity();

        /** Quit Airlock: stop every tool and exit. */
        void quit();

        /** A sentence the person should read, such as why a tool did not turn on. */
        void tell(String message);
    }

    private final ResourceBundle strings;
    private final TrayMenus menus;
    private final EngineControl engine;
    private final Host host;
    private final Consumer<TrayMenu> view;

    private EngineStatus status;
    private boolean problem;
    private Set<String> paused = Set.of();

    /**
     * @param engine the running engine; null when it could not start (only Open and Quit work then)
     * @param view shows a menu; must not block (the AWT adapter's {@code update} queues it)
     */
    public TrayController(ResourceBundle strings, EngineControl engine, Host host, Consumer<TrayMenu> view) {
        this.strings = strings;
        this.menus = new TrayMenus(strings);
        this.engine = engine;
        this.host = host;
        this.view = view;
    }

    /** The menu to show before the engine's first status arrives. */
    public TrayMenu initialMenu() {
        return menus.starting();
    }

    /** Shows the engine's state, such as after the window's periodic refresh. */
    public synchronized void show(EngineStatus next) {
        status = next;
        problem = false;
        if (TrayMenus.signedOut(next)) {
            paused = Set.of(); // what was paused belongs to whoever was signed in
        }
        view.accept(menus.build(next, isPaused()));
    }

    /** The engine could not start. */
    public synchronized void showProblem() {
        problem = true;
        view.accept(menus.problem());
    }

    /** Whether "Resume" is offered. */
    public synchronized boolean isPaused() {
        return !paused.isEmpty();
    }

    /** The tools "Resume" turns on again, by short name. */
    public synchronized Set<String> pausedTools() {
        return paused;
    }

    /**
     * Does what a click on the entry with this id asks. Blocks while the engine works.
     *
     * @throws IllegalArgumentException for an id no menu of this controller has
     */
    public void handle(String actionId) {
        switch (actionId) {
            case TrayMenus.OPEN -> host.openWindow();
            case TrayMenus.ACTIVITY -> host.openActivity();
            case TrayMenus.QUIT -> host.quit();
            case TrayMenus.PAUSE -> pauseAll();
            case TrayMenus.RESUME -> resume();
            default -> {
                String server = TrayMenus.serverOf(actionId)
                        .orElseThrow(() -> new IllegalArgumentException("No tray entry has the id " + actionId));
                flip(server);
            }
        }
    }

    private void flip(String shortName) {
        Optional<ServerView> server = find(shortName);
        if (engine == null || server.isEmpty() || server.get().state().equals("unavailable")) {
            return; // the menu changed under the click; the next refresh shows the truth
        }
        boolean turnOff = TrayMenus.isOn(server.get());
        try {
            if (turnOff) {
                engine.disable(shortName);
            } else {
                engine.enable(shortName);
            }
        } catch (ControlException e) {
            host.tell(e.getMessage());
        }
        refresh();
    }

    private void pauseAll() {
        List<String> on;
        synchronized (this) {
            if (engine == null || status == null || problem) {
                return;
            }
            on = status.servers().stream()
                    .filter(TrayMenus::isOn)
                    .map(ServerView::shortName)
                    .toList();
            if (on.isEmpty()) {
                return;
            }
            paused = Collections.unmodifiableSet(new LinkedHashSet<>(on));
            view.accept(menus.build(status, true));
        }
        var failures = new ArrayList<String>();
        for (String name : on) {
            try {
                engine.disable(name);
            } catch (ControlException e) {
                failures.add(e.getMessage());
            }
        }
        failures.forEach(host::tell);
        refresh();
    }

    private void resume() {
        Set<String> again;
        synchronized (this) {
            if (engine == null || paused.isEmpty()) {
                return;
            }
            again = paused;
            paused = Set.of();
            if (status != null) {
                view.accept(menus.build(status, false));
            }
        }
        // each may pull or build an image first: turn them on side by side
        var failures = new ArrayList<String>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var results = new LinkedHashMap<String, Future<?>>();
            for (String name : again) {
                results.put(name, threads.submit(() -> engine.enable(name)));
            }
            for (var result : results.entrySet()) {
                try {
                    result.getValue().get();
                } catch (ExecutionException e) {
                    // the engine's refusals are sentences for people; anything else is its log's business
                    failures.add(
                            e.getCause() instanceof ControlException control
                                    ? control.getMessage()
                                    : MessageFormat.format(strings.getString("tray.resumeFailed"), result.getKey()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        failures.forEach(host::tell);
        refresh();
    }

    private synchronized Optional<ServerView> find(String shortName) {
        if (status == null) {
            return Optional.empty();
        }
        return status.servers().stream()
                .filter(server -> server.shortName().equals(shortName))
                .findFirst();
    }

    private void refresh() {
        show(engine.status());
    }
}
