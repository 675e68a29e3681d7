package dev.airlock.app.daemon;

import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.control.ControlServer;
import dev.airlock.runtime.demo.DemoOrganization;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.gateway.GatewayStartException;
import dev.airlock.runtime.state.AlreadyRunningException;
import dev.airlock.runtime.state.InstanceLock;
import dev.airlock.runtime.state.StateDirectory;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine without a GUI: holds the state directory's lock, serves the gateway and the control
 * socket, and on SIGTERM or Ctrl+C stops every server container before it exits.
 */
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final DaemonOptions options;
    private final Map<String, String> environment;

    public Daemon(DaemonOptions options, Map<String, String> environment) {
        this.options = options;
        this.environment = Map.copyOf(environment);
    }

    /** A running engine with its control socket; closing it stops both, then releases the lock. */
    public static final class Running implements AutoCloseable {
        private final AirlockEngine engine;
        private final ControlServer control;
        private final InstanceLock lock;
        private final AtomicBoolean closed = new AtomicBoolean();

        private final Optional<DemoOrganization> demo;
        private final Optional<String> keychainNotice;

        Running(
                AirlockEngine engine,
                ControlServer control,
                InstanceLock lock,
                Optional<DemoOrganization> demo,
                Optional<String> keychainNotice) {
            this.engine = engine;
            this.control = control;
            this.lock = lock;
            this.demo = demo;
            this.keychainNotice = keychainNotice;
        }

        /** Set when no keychain could be used: what to tell the user about staying signed in. */
        public Optional<String> keychainNotice() {
            return keychainNotice;
        }

        public AirlockEngine engine() {
            return engine;
        }

        public ControlServer control() {
            return control;
        }

        /** Stops the control socket and the engine (every server container). Safe to call twice. */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            control.close();
            engine.close();
            demo.ifPresent(DemoOrganization::close);
            try {
                lock.close();
            } catch (IOException e) {
                LOG.debug("Releasing the instance lock failed", e);
            }
        }
    }

    /** Starts the engine and its control socket, and returns once both are serving. */
    public Running start() throws DaemonException {
        return start(null);
    }

    /**
     * Starts the engine and its control socket for the desktop app, and returns once both are
     * serving.
     *
     * @param onFocus brings the window to the front when a second launch asks (the control request
     *     {@code focus}); runs on a socket thread and must only hand the work to the UI thread; null
     *     for no window
     */
    public Running start(Runnable onFocus) throws DaemonException {
        StateDirectory dir = options.stateDirectory().create();
        InstanceLock lock;
        try {
            lock = InstanceLock.acquire(dir);
        } catch (AlreadyRunningException e) {
            throw new DaemonException("already_running", e.getMessage(), e);
        } catch (IOException e) {
            throw new DaemonException(
                    "state_dir", "The state directory %s cannot be locked: %s".formatted(dir, e.getMessage()), e);
        }
        AirlockEngine engine = null;
        DaemonSetup.Result setup = null;
        try {
            setup = DaemonSetup.resolve(options, environment);
            engine = AirlockEngine.start(setup.options());
            var control = new ControlServer(dir, engine, AirlockVersion.current(), onFocus);
            control.start();
            return new Running(engine, control, lock, setup.demo(), setup.keychainNotice());
        } catch (DaemonException | IOException | GatewayStartException | RuntimeException e) {
            if (engine != null) {
                engine.close();
            }
            if (setup != null) {
                setup.demo().ifPresent(DemoOrganization::close);
            }
            releaseQuietly(lock);
            throw switch (e) {
                case DaemonException daemon -> daemon;
                case GatewayStartException gateway -> new DaemonException("gateway", gateway.getMessage(), gateway);
                case IOException io ->
                    new DaemonException(
                            "control_socket", "The control socket could not be opened: " + io.getMessage(), io);
                default -> new DaemonException("internal", "Airlock could not start: " + e.getMessage(), e);
            };
        }
    }

    /** Runs until the process is asked to stop; returns the exit code. */
    public int run() throws DaemonException {
        Running running = start();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("Stopping: removing server containers");
                            running.close();
                            stopped.countDown();
                        },
                        "airlock-shutdown"));
        LOG.info(
                "Airlock {} is running: gateway {}, control socket {}",
                AirlockVersion.current(),
                running.engine().gateway().baseUrl(),
                running.control().socket());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void releaseQuietly(InstanceLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            LOG.debug("Releasing the instance lock failed", e);
        }
    }
}
