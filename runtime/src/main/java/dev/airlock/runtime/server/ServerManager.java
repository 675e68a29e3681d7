package dev.airlock.runtime.server;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.catalog.RemoteEndpoint;
import dev.airlock.runtime.container.ContainerEngine;
import dev.airlock.runtime.container.ContainerLauncher;
import dev.airlock.runtime.container.ContainerSpec;
import dev.airlock.runtime.container.EngineConnection;
import dev.airlock.runtime.container.EngineUnavailableException;
import dev.airlock.runtime.container.Labels;
import dev.airlock.runtime.container.LaunchException;
import dev.airlock.runtime.container.NpmImageBuilder;
import dev.airlock.runtime.container.StdioContainer;
import dev.airlock.runtime.remote.BearerTokens;
import dev.airlock.runtime.remote.RemoteCredentials;
import dev.airlock.runtime.remote.RemoteException;
import dev.airlock.runtime.remote.RemoteFailure;
import dev.airlock.runtime.remote.RemoteListener;
import dev.airlock.runtime.remote.RemoteTarget;
import dev.airlock.runtime.remote.RemoteTransport;
import dev.airlock.runtime.secrets.MemorySecretStore;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.secrets.SecretStoreException;
import dev.airlock.runtime.state.StateDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns catalog entries into running servers and back, and knows each one's state. One container
 * per enabled server; client sessions share it through its {@link ServerConnection}.
 *
 * <p>A server that requires a secret the user has not stored yet waits for it, turned on, in
 * {@link ServerState.NeedsSecret}, and starts when it is stored. Secrets are read from the store
 * when a server is launched, and passed to its container as environment variables.
 *
 * <p>An entry with no runnable package but a usable remote endpoint is connected to instead, with
 * the signed-in user's identity as its policy says (see {@link #useCredentials}); to the gateway it
 * is a server like any other.
 */
public final class ServerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServerManager.class);

    /** A server's state changed. */
    public record StateChange(String server, ServerState state) {}

    private volatile Catalog catalog;
    private final EngineConnection engines;
    private final StateDirectory stateDirectory;
    private final Duration readyTimeout;
    private final NpmImageBuilder.Settings npmBuild;
    private final EnabledServers enabled;
    private final ServerSecrets secrets;
    private final Map<String, ManagedServer> servers = new ConcurrentHashMap<>();
    private final List<Consumer<StateChange>> stateListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong launches = new AtomicLong();
    private volatile BiConsumer<ServerConnection, ObjectNode> notificationSink = (connection, message) -> {};
    private volatile RemoteCredentials credentials = RemoteCredentials.signedOut();
    private final HttpClient remoteHttp = RemoteTransport.httpClient(REMOTE_CONNECT_TIMEOUT);

    /** How long connecting to a remote server may take before it counts as unreachable. */
    static final Duration REMOTE_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** For catalogs whose servers need no stored secrets: secrets stored here last for this run. */
    public ServerManager(
            Catalog catalog,
            EngineConnection engines,
            StateDirectory stateDirectory,
            Duration readyTimeout,
            NpmImageBuilder.Settings npmBuild) {
        this(catalog, engines, stateDirectory, readyTimeout, npmBuild, new MemorySecretStore());
    }

    /** @param secretStore where the secrets servers need are kept: the OS keychain, or memory */
    public ServerManager(
            Catalog catalog,
            EngineConnection engines,
            StateDirectory stateDirectory,
            Duration readyTimeout,
            NpmImageBuilder.Settings npmBuild,
            SecretStore secretStore) {
        this.catalog = catalog;
        this.secrets = new ServerSecrets(secretStore);
        this.npmBuild = npmBuild;
        this.engines = engines;
        this.stateDirectory = stateDirectory;
        this.readyTimeout = readyTimeout;
        this.enabled = new EnabledServers(stateDirectory.enabledServers());
        for (CatalogEntry entry : catalog.entries()) {
            servers.put(entry.shortName(), new ManagedServer(entry));
        }
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Where the servers' notifications that belong to no request go (the gateway's sessions). */
    public void onNotification(BiConsumer<ServerConnection, ObjectNode> sink) {
        this.notificationSink = sink;
    }

    /**
     * The signed-in user's identity for remote servers: set when Airlock connects to a company, and
     * {@link RemoteCredentials#signedOut()} where there is no company sign-in. Remote servers started
     * afterwards use it.
     */
    public void useCredentials(RemoteCredentials credentials) {
        this.credentials = credentials;
    }

    public void addStateListener(Consumer<StateChange> listener) {
        stateListeners.add(listener);
    }

    /** The state of a catalog entry, by short or full name; empty when it is not in the catalog. */
    public Optional<ServerState> state(String name) {
        return catalog.find(name).map(entry -> servers.get(entry.shortName())).map(ManagedServer::state);
    }

    /**
     * Takes a new catalog (after sign-in, or when the company's changed). Servers no longer in it are
     * stopped; servers whose entry changed are stopped and, if the user had them on, started again
     * with the new entry; new entries are added, turned off.
     */
    public synchronized void replaceCatalog(Catalog next) {
        var replaced = new ArrayList<ManagedServer>();
        var keep = new HashSet<String>();
        for (CatalogEntry entry : next.entries()) {
            keep.add(entry.shortName());
            ManagedServer current = servers.get(entry.shortName());
            if (current == null || !current.entry.equals(entry)) {
                if (current != null) {
                    replaced.add(current);
                }
                servers.put(entry.shortName(), new ManagedServer(entry));
            }
        }
        for (var it = servers.entrySet().iterator(); it.hasNext(); ) {
            var server = it.next();
            if (!keep.contains(server.getKey())) {
                replaced.add(server.getValue());
                it.remove();
            }
        }
        catalog = next;
        for (ManagedServer old : replaced) {
            old.shutDown();
            publish(old.entry.shortName(), new ServerState.Off());
        }
        LOG.info(
                "Catalog updated: {} entries, {} replaced or removed",
                next.entries().size(),
                replaced.size());
        restoreEnabled();
    }

    /** The state of every catalog entry, in catalog order. */
    public List<Map.Entry<CatalogEntry, ServerState>> states() {
        return catalog.entries().stream()
                .map(entry -> Map.entry(entry, servers.get(entry.shortName()).state()))
                .toList();
    }

    /**
     * Turns a server on and waits until it is running or has failed.
     *
     * @throws UnknownServerException when the name is not in the catalog
     */
    public ServerState enable(String name) throws UnknownServerException, InterruptedException {
        CatalogEntry entry = catalog.find(name).orElseThrow(() -> new UnknownServerException(name));
        return servers.get(entry.shortName()).start();
    }

    /** Turns a server off: its container is stopped and removed. */
    public ServerState disable(String name) throws UnknownServerException {
        CatalogEntry entry = catalog.find(name).orElseThrow(() -> new UnknownServerException(name));
        return servers.get(entry.shortName()).stop();
    }

    /**
     * Stores a secret a server needs, replacing any earlier value. A server that is turned on
     * (waiting for it, running, or failed) starts again with the stored secrets, and this returns
     * once it runs or has failed; a server that is off stays off.
     *
     * @param variable the environment variable the server reads the secret from
     * @throws InvalidSecretException when the server has no such secret, or the value is empty or
     *     too long
     * @throws SecretStoreException when the keychain refused or failed; nothing changed
     */
    public ServerState setSecret(String name, String variable, String value)
            throws UnknownServerException, InvalidSecretException, SecretStoreException, InterruptedException {
        CatalogEntry entry = catalog.find(name).orElseThrow(() -> new UnknownServerException(name));
        EnvironmentVariable secret = ServerSecrets.variable(entry, variable);
        ServerSecrets.checkValue(value);
        secrets.put(entry, secret.name(), value);
        LOG.info("Stored {} for {} in {}", secret.name(), entry.shortName(), secrets.description());
        return servers.get(entry.shortName()).secretStored();
    }

    /**
     * Removes a stored secret. A server that is on and requires it is stopped and waits for it
     * again; one that runs with it as an optional secret is restarted without it.
     */
    public ServerState removeSecret(String name, String variable)
            throws UnknownServerException, InvalidSecretException, SecretStoreException, InterruptedException {
        CatalogEntry entry = catalog.find(name).orElseThrow(() -> new UnknownServerException(name));
        EnvironmentVariable secret = ServerSecrets.variable(entry, variable);
        secrets.delete(entry, secret.name());
        LOG.info("Removed {} of {} from {}", secret.name(), entry.shortName(), secrets.description());
        return servers.get(entry.shortName()).secretRemoved(secret);
    }

    /**
     * Whether a value is stored for a secret variable of the entry, as far as Airlock knows without
     * waiting long: the answer may be remembered from the last store, removal or launch.
     */
    public boolean isSecretStored(CatalogEntry entry, String variable) {
        return secrets.isStored(entry, variable);
    }

    /** Starts, in the background, the servers that were on when Airlock last ran. */
    public void restoreEnabled() {
        for (String name : enabled.names()) {
            ManagedServer server = servers.get(name);
            if (server == null) {
                LOG.info("Server {} was on, but it is no longer in the catalog", name);
                continue;
            }
            Thread.ofVirtual().name("restore-" + name).start(() -> {
                try {
                    server.start();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    /** Stops every server, in parallel; what the user turned on stays on for the next start. */
    @Override
    public void close() {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ManagedServer server : servers.values()) {
                executor.submit(server::shutDown);
            }
        }
        remoteHttp.shutdownNow(); // the remote servers' connections are closed by now
    }

    /**
     * Why this version of Airlock cannot run a valid entry, if it cannot: such entries are listed as
     * unavailable with the reason, rather than offered and then failing when turned on. A required
     * secret does not make an entry unavailable: the user stores it (see {@link #setSecret}).
     */
    static Optional<String> notRunnableHere(CatalogEntry entry) {
        if (entry.launch().isEmpty()) {
            return entry.remotes().isEmpty()
                    ? Optional.of("This server has neither a package nor a remote address that Airlock can use.")
                    : Optional.empty();
        }
        PackageLaunch launch = entry.launch().get();
        for (var variable : launch.environment()) {
            if (variable.required() && !variable.secret() && variable.value() == null) {
                return Optional.of(
                        "This server needs a setting (%s) that Airlock cannot ask for yet.".formatted(variable.name()));
            }
        }
        return Optional.empty();
    }

    /**
     * A server's environment: the registry's fixed values, and the stored secrets (a missing
     * optional secret is simply not set).
     */
    static Map<String, String> environment(PackageLaunch launch, Map<String, String> secretValues) {
        var env = new LinkedHashMap<String, String>();
        for (var variable : launch.environment()) {
            if (variable.secret()) {
                String value = secretValues.get(variable.name());
                if (value != null) {
                    env.put(variable.name(), value);
                }
            } else if (variable.value() != null) {
                env.put(variable.name(), variable.value());
            }
        }
        return env;
    }

    private void publish(String server, ServerState state) {
        var change = new StateChange(server, state);
        for (Consumer<StateChange> listener : stateListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A state listener failed", e);
            }
        }
    }

    /** One catalog entry's life: at most one container at a time. */
    private final class ManagedServer {
        private final CatalogEntry entry;
        private volatile ServerState state;
        private StdioContainer container; // guarded by this
        private RemoteTransport remote; // guarded by this
        private boolean retired; // guarded by this

        ManagedServer(CatalogEntry entry) {
            this.entry = entry;
            this.state = switch (entry.availability()) {
                case Availability.Unavailable(String reason) -> new ServerState.Unavailable(reason);
                default ->
                    notRunnableHere(entry)
                            .<ServerState>map(ServerState.Unavailable::new)
                            .orElseGet(ServerState.Off::new);
            };
        }

        ServerState state() {
            return state;
        }

        ServerState start() throws InterruptedException {
            return start(false);
        }

        /**
         * @param restart whether a running container is replaced, so that the server gets the
         *     secrets stored now
         */
        private ServerState start(boolean restart) throws InterruptedException {
            synchronized (this) {
                switch (state) {
                    case ServerState.Unavailable unavailable -> {
                        return unavailable;
                    }
                    case ServerState.Running running
                    when !restart -> {
                        return running;
                    }
                    case ServerState.Starting starting -> {
                        // someone else is starting it: wait for the outcome
                        while (state instanceof ServerState.Starting) {
                            wait();
                        }
                        return state;
                    }
                    default -> {}
                }
                closeContainer(); // when restarting
                setState(new ServerState.Starting(null));
                enabled.set(entry.shortName(), true);
            }
            ServerState outcome = launch();
            synchronized (this) {
                if (retired) {
                    closeContainer(); // Airlock is stopping, or this entry left the catalog
                    state = new ServerState.Off();
                } else if (state instanceof ServerState.Starting) {
                    setState(outcome);
                } else if (outcome instanceof ServerState.Running) {
                    // turned off while starting: do not leave the new container behind
                    closeContainer();
                }
                notifyAll();
                return state;
            }
        }

        /** A stored secret: a server that is on starts again with it. */
        ServerState secretStored() throws InterruptedException {
            synchronized (this) {
                boolean restart = switch (state) {
                    case ServerState.NeedsSecret needsSecret -> true;
                    case ServerState.Running running -> true;
                    case ServerState.Failed failed -> enabled.contains(entry.shortName());
                    // off stays off; a start under way keeps the secrets it read
                    default -> false;
                };
                if (!restart) {
                    return state;
                }
            }
            return start(true);
        }

        /** A removed secret: a server that is on and requires it waits for it again. */
        ServerState secretRemoved(EnvironmentVariable secret) throws InterruptedException {
            List<EnvironmentVariable> missing = secrets.missingRequired(entry); // outside the lock: may ask the store
            synchronized (this) {
                boolean on = switch (state) {
                    case ServerState.Running running -> true;
                    case ServerState.Starting starting -> true;
                    case ServerState.NeedsSecret needsSecret -> true;
                    case ServerState.Failed failed -> enabled.contains(entry.shortName());
                    default -> false;
                };
                if (!on) {
                    return state;
                }
                if (secret.required() && !missing.isEmpty()) {
                    closeContainer();
                    setState(needsSecret(missing));
                    notifyAll(); // a start under way ends without a container
                    return state;
                }
                if (!(state instanceof ServerState.Running)) {
                    return state;
                }
            }
            return start(true); // running with an optional secret that is gone now
        }

        private ServerState.NeedsSecret needsSecret(List<EnvironmentVariable> missing) {
            return new ServerState.NeedsSecret(
                    missing.stream().map(EnvironmentVariable::name).toList(), ServerSecrets.waitingFor(missing));
        }

        private ServerState launch() throws InterruptedException {
            if (entry.launch().isEmpty()) {
                return connectRemote(); // runnable: a usable remote, checked when the entry was listed
            }
            PackageLaunch launch = entry.launch().get();
            Map<String, String> secretValues;
            try {
                secretValues = secrets.read(entry);
            } catch (SecretStoreException e) {
                LOG.warn("Cannot read the secrets of {}: {}", entry.shortName(), e.getMessage());
                return failed(e.getMessage());
            }
            List<EnvironmentVariable> missing = ServerSecrets.secretVariables(entry).stream()
                    .filter(v -> v.required() && !secretValues.containsKey(v.name()))
                    .toList();
            if (!missing.isEmpty()) {
                LOG.info(
                        "Server {} waits for {}",
                        entry.shortName(),
                        missing.stream().map(EnvironmentVariable::name).toList());
                return needsSecret(missing);
            }
            ContainerEngine engine;
            try {
                engine = engines.get();
            } catch (EngineUnavailableException e) {
                LOG.info("Cannot start {}: {}", entry.shortName(), e.detail());
                return new ServerState.Failed(e.getMessage());
            }
            String image;
            try {
                image = switch (launch.type()) {
                    case OCI -> launch.identifier();
                    case NPM ->
                        new NpmImageBuilder(engine, npmBuild)
                                .ensure(launch.identifier(), launch.version(), this::progress);
                };
            } catch (LaunchException e) {
                LOG.warn("Cannot build {}: {}", entry.shortName(), e.getMessage(), e.getCause());
                return failed(e.getMessage());
            }
            var launcher = new ContainerLauncher(engine);
            var containerRef = new AtomicReference<StdioContainer>();
            var connection = new ServerConnection(
                    entry.shortName(),
                    message -> {
                        StdioContainer c = containerRef.get();
                        return c != null && c.send(message);
                    },
                    notification -> notificationSink.accept(currentConnection(), notification));
            StdioContainer started;
            try {
                started = launcher.launch(
                        spec(launch, image, secretValues),
                        stateDirectory.serverLog(entry.shortName()),
                        new StdioContainer.Listener() {
                            @Override
                            public void onMessage(byte[] line) {
                                connection.onMessage(line);
                            }

                            @Override
                            public void onOversized(long size, byte[] head, byte[] tail) {
                                connection.onOversized(size, head, tail);
                            }

                            @Override
                            public void onClosed(boolean requested, String reason) {
                                connection.onClosed(reason);
                                if (!requested) {
                                    stoppedOnItsOwn(connection, reason);
                                }
                            }
                        });
            } catch (LaunchException e) {
                LOG.warn("Cannot start {}: {}", entry.shortName(), e.getMessage(), e.getCause());
                return failed(e.getMessage());
            }
            containerRef.set(started);
            synchronized (this) {
                if (retired || !(state instanceof ServerState.Starting)) {
                    started.close(); // turned off while the container was being made
                    return new ServerState.Off();
                }
                container = started;
            }
            try {
                connection.initialize(readyTimeout);
                LOG.info("Server {} is ready", entry.shortName());
                return new ServerState.Running(connection);
            } catch (ServerStartException e) {
                var output = started.recentErrorOutput();
                synchronized (this) {
                    closeContainer();
                }
                String lastLine = output.isEmpty() ? "" : " Its last message was: " + output.getLast();
                return failed(e.getMessage() + "." + lastLine + " Its log is " + started.logFile() + ".");
            }
        }

        /**
         * Connects to the entry's remote endpoint (Streamable HTTP preferred over the older HTTP+SSE)
         * and runs the MCP handshake over it, as the signed-in user.
         */
        private ServerState connectRemote() throws InterruptedException {
            RemoteEndpoint endpoint = entry.remotes().stream()
                    .filter(remote -> remote.transport() == RemoteEndpoint.Transport.STREAMABLE_HTTP)
                    .findFirst()
                    .orElse(entry.remotes().getFirst());
            var target = new RemoteTarget(entry.title(), URI.create(endpoint.url()));
            BearerTokens tokens = credentials.forServer(entry.policy().identity());
            try {
                tokens.current(); // not signed in: say so now, rather than after a timeout
            } catch (RemoteException e) {
                LOG.info(
                        "Not connecting to {}: {}",
                        entry.shortName(),
                        e.failure().brief());
                return new ServerState.Failed(e.failure().forPeople());
            }
            progress("Connecting to " + target.host());
            var transportRef = new AtomicReference<RemoteTransport>();
            var lastFailure = new AtomicReference<RemoteFailure>();
            var connection = new ServerConnection(
                    entry.shortName(),
                    message -> {
                        RemoteTransport t = transportRef.get();
                        return t != null && t.send(message);
                    },
                    notification -> notificationSink.accept(currentConnection(), notification));
            RemoteTransport transport;
            try {
                transport = RemoteTransport.open(
                        endpoint,
                        target,
                        remoteHttp,
                        tokens,
                        new RemoteListener() {
                            @Override
                            public void onMessage(byte[] message) {
                                connection.onMessage(message);
                            }

                            @Override
                            public void onOversized(long size, byte[] head, byte[] tail) {
                                connection.onOversized(size, head, tail);
                            }

                            @Override
                            public void onClosed(RemoteFailure failure) {
                                lastFailure.set(failure);
                                connection.onClosed(failure.brief());
                                remoteLost(connection, failure);
                            }
                        },
                        readyTimeout);
            } catch (RemoteException e) {
                LOG.warn(
                        "Cannot connect to {}: {}",
                        entry.shortName(),
                        e.failure().brief(),
                        e.getCause());
                return new ServerState.Failed(e.failure().forPeople());
            }
            transportRef.set(transport);
            synchronized (this) {
                if (retired || !(state instanceof ServerState.Starting)) {
                    transport.close(); // turned off while connecting
                    return new ServerState.Off();
                }
                remote = transport;
            }
            try {
                connection.initialize(readyTimeout);
                LOG.info("Remote server {} at {} is ready", entry.shortName(), target.host());
                return new ServerState.Running(connection);
            } catch (ServerStartException e) {
                synchronized (this) {
                    closeContainer();
                }
                RemoteFailure failure = lastFailure.get();
                return failure != null ? new ServerState.Failed(failure.forPeople()) : failed(e.getMessage() + ".");
            }
        }

        private void remoteLost(ServerConnection connection, RemoteFailure failure) {
            synchronized (this) {
                if (state instanceof ServerState.Running running && running.connection() == connection) {
                    LOG.warn("Remote server {} is gone: {}", entry.shortName(), failure.brief());
                    remote = null;
                    setState(new ServerState.Failed(failure.forPeople()));
                }
            }
        }

        private ServerConnection currentConnection() {
            return state instanceof ServerState.Running running ? running.connection() : null;
        }

        /** Reports a step of a long start (an image being built) while the server is starting. */
        private void progress(String step) {
            synchronized (this) {
                if (state instanceof ServerState.Starting) {
                    setState(new ServerState.Starting(step));
                }
            }
        }

        private ContainerSpec spec(PackageLaunch launch, String image, Map<String, String> secretValues) {
            var env = environment(launch, secretValues);
            var identity = engines.identity();
            return new ContainerSpec(
                    // unique per launch: a restart never waits for the old container's name
                    "airlock-%s-%s-%d"
                            .formatted(
                                    entry.shortName(),
                                    identity.instanceId().substring(0, 8),
                                    launches.incrementAndGet()),
                    image,
                    launch.packageArguments(),
                    env,
                    null,
                    entry.policy().resources(),
                    Labels.forServer(entry.shortName(), entry.name(), identity));
        }

        private ServerState.Failed failed(String why) {
            return new ServerState.Failed("%s could not start: %s".formatted(entry.title(), why));
        }

        private void stoppedOnItsOwn(ServerConnection connection, String reason) {
            synchronized (this) {
                if (state instanceof ServerState.Running running && running.connection() == connection) {
                    LOG.warn("Server {} stopped unexpectedly: {}", entry.shortName(), reason);
                    container = null;
                    setState(new ServerState.Failed("%s stopped unexpectedly: %s. Turn it on again to restart it."
                            .formatted(entry.title(), reason)));
                }
            }
        }

        ServerState stop() {
            synchronized (this) {
                enabled.set(entry.shortName(), false);
                if (state instanceof ServerState.Unavailable unavailable) {
                    return unavailable;
                }
                closeContainer();
                setState(new ServerState.Off());
                notifyAll();
                return state;
            }
        }

        /**
         * Stops the container for good (Airlock is exiting, or the entry left the catalog), leaving
         * the user's choice recorded; a start still under way ends without a container.
         */
        void shutDown() {
            synchronized (this) {
                retired = true;
                closeContainer();
            }
        }

        /** Stops the container, or ends the connection to the remote server. */
        private void closeContainer() {
            if (container != null) {
                container.close();
                container = null;
            }
            if (remote != null) {
                remote.close();
                remote = null;
            }
        }

        private void setState(ServerState next) {
            state = next;
            publish(entry.shortName(), next);
        }
    }
}
