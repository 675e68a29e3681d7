package dev.airlock.runtime.engine;

import dev.airlock.runtime.AirlockVersion;
import dev.airlock.runtime.activity.ActivityFeed;
import dev.airlock.runtime.activity.ActivityLog;
import dev.airlock.runtime.auth.OidcSettings;
import dev.airlock.runtime.auth.SignInException;
import dev.airlock.runtime.auth.SignInManager;
import dev.airlock.runtime.auth.SignInProgress;
import dev.airlock.runtime.auth.SignedInUser;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.catalog.RemoteEndpoint;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.company.CompanyConnection;
import dev.airlock.runtime.company.CompanySetup;
import dev.airlock.runtime.company.LastUser;
import dev.airlock.runtime.container.EngineConnection;
import dev.airlock.runtime.container.EngineUnavailableException;
import dev.airlock.runtime.container.InstanceIdentity;
import dev.airlock.runtime.control.ActivityView;
import dev.airlock.runtime.control.ClientConnection;
import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.EngineControl;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.PermissionsView;
import dev.airlock.runtime.control.SecretNeed;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.SignInNotice;
import dev.airlock.runtime.control.ToolReviewView;
import dev.airlock.runtime.control.UserView;
import dev.airlock.runtime.gateway.CallInspection;
import dev.airlock.runtime.gateway.ClientTokens;
import dev.airlock.runtime.gateway.Gateway;
import dev.airlock.runtime.gateway.GatewaySettings;
import dev.airlock.runtime.gateway.GatewayStartException;
import dev.airlock.runtime.gateway.ServerRoutes;
import dev.airlock.runtime.gateway.ToolGuards;
import dev.airlock.runtime.registry.CatalogCache;
import dev.airlock.runtime.registry.RegistryCatalog;
import dev.airlock.runtime.registry.RegistryClient;
import dev.airlock.runtime.remote.RemoteCredentials;
import dev.airlock.runtime.secrets.SecretStoreException;
import dev.airlock.runtime.server.InvalidSecretException;
import dev.airlock.runtime.server.ServerConnection;
import dev.airlock.runtime.server.ServerManager;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.server.UnknownServerException;
import dev.airlock.runtime.settings.CompanyDiscovery;
import dev.airlock.runtime.settings.CompanySettings;
import dev.airlock.runtime.settings.DiscoveryException;
import dev.airlock.runtime.settings.SettingKey;
import dev.airlock.runtime.tools.Limits;
import dev.airlock.runtime.tools.ToolGuard;
import dev.airlock.runtime.tools.ToolListReview;
import dev.airlock.runtime.tools.ToolWarning;
import dev.airlock.runtime.tools.TrustedTools;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as a whole: the catalog's servers, their containers, and the gateway in front of them.
 * The desktop app and {@code airlock daemon} both run one; the CLI reaches it over the control socket.
 */
public final class AirlockEngine implements EngineControl, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AirlockEngine.class);

    /** Whose trusted tools are kept where no company signs anyone in (the demo, a local registry). */
    private static final String LOCAL_USER = "local";

    /** Said where sign-in cannot be kept across restarts. */
    static final String NO_KEYCHAIN =
            "Your computer has no keychain Airlock can use, so you stay signed in only until" + " Airlock quits.";

    private final EngineOptions options;
    private final EngineConnection engines;
    private final ServerManager servers;
    private final ClientTokens tokens;
    private final Gateway gateway;
    private final ActivityLog activity = new ActivityLog();
    private final CallInspection inspection;
    /** The latest review of each running server's tools, by short name. */
    private final Map<String, ToolReviewView> toolReviews = new ConcurrentHashMap<>();

    private volatile Company company;

    /** The company connection and what must be closed with it. */
    private record Company(CompanyConnection connection, RegistryClient registry) implements AutoCloseable {
        @Override
        public void close() {
            connection.close();
            registry.close();
        }
    }

    private AirlockEngine(EngineOptions options) {
        this.options = options;
        var dir = options.stateDirectory();
        this.engines = new EngineConnection(options.environment(), InstanceIdentity.newInstance(dir.root()));
        this.servers = new ServerManager(
                options.catalog(), engines, dir, options.readyTimeout(), options.npmBuild(), options.secrets());
        this.tokens = new ClientTokens(dir.clientTokens());
        this.inspection = CallInspection.load(
                options.inspection(),
                name -> servers.catalog().find(name).map(entry -> entry.policy().inspection()));
        var toolGuards = new ToolGuards(this::toolGuard);
        toolGuards.listener((server, review) -> toolReviews.put(server, view(review)));
        this.gateway = new Gateway(
                GatewaySettings.onPort(options.gatewayPort()),
                ServerRoutes.of(servers),
                tokens,
                activity,
                inspection,
                toolGuards);
    }

    /**
     * The tool guard of a server process that has just started: its catalog entry's tool policy, and
     * the tools the signed-in user (or the one local user, without a company) trusted on it before.
     */
    private ToolGuard toolGuard(ServerConnection connection) {
        String name = connection.name();
        Optional<CatalogEntry> entry = servers.catalog().find(name);
        String user = Optional.ofNullable(company)
                .flatMap(current -> current.connection().status().user())
                .map(SignedInUser::subject)
                .orElse(LOCAL_USER);
        return new ToolGuard(
                entry.map(CatalogEntry::title).orElse(name),
                entry.map(e -> e.policy().tools()).orElse(ServerPolicy.DEFAULT.tools()),
                TrustedTools.load(options.stateDirectory().toolPins(), user, name),
                Limits.DEFAULT);
    }

    private static ToolReviewView view(ToolListReview review) {
        var visible = new ArrayList<String>();
        review.result()
                .path("tools")
                .forEach(tool -> visible.add(tool.path("name").asString()));
        return new ToolReviewView(
                true,
                visible,
                review.hidden().stream()
                        .map(hidden -> new HiddenToolView(
                                hidden.tool(),
                                hidden.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                                hidden.sentence(),
                                hidden.approvable(),
                                hidden.digest()))
                        .toList(),
                review.warnings().stream().map(ToolWarning::sentence).toList(),
                review.recordProblem().orElse(null));
    }

    /**
     * Starts the gateway, sweeps what dead instances left in the container engine, and turns on the
     * servers that were on last time. The caller holds the state directory's instance lock.
     */
    public static AirlockEngine start(EngineOptions options) throws GatewayStartException {
        var engine = new AirlockEngine(options);
        engine.servers.onNotification(engine.gateway::broadcast);
        engine.servers.addStateListener(change -> {
            if (change.state() instanceof ServerState.Running(ServerConnection connection)) {
                // what is hidden, and why, is known and shown before any AI app asks for the tools
                Thread.ofVirtual()
                        .name("tool-review-" + change.server())
                        .start(() -> engine.gateway.reviewTools(connection));
            } else {
                engine.toolReviews.remove(change.server());
                engine.gateway.closeStaleSessions();
            }
            engine.gateway.serversChanged();
        });
        engine.gateway.start();
        try {
            engine.engines.get(); // connects and sweeps now, rather than on the first switch
        } catch (EngineUnavailableException e) {
            LOG.warn("{} ({})", e.getMessage(), e.detail());
        }
        engine.servers.restoreEnabled();
        options.company().ifPresent(setup -> engine.company = engine.connect(setup));
        return engine;
    }

    /** Connects to a company: its catalog (the saved one at once, then the registry's) and sign-in. */
    private Company connect(CompanySetup setup) {
        var signIn = new SignInManager(setup.oidc(), options.secrets(), options.browser());
        // remote servers get the signed-in user's own identity, never the AI app's gateway token
        servers.useCredentials(new RemoteCredentials(signIn, signIn, Clock.systemUTC()));
        var reader = new RegistryFileReader();
        var registry = new RegistryClient(setup.registryUrl(), signIn, reader);
        var cache = new CatalogCache(options.stateDirectory().root(), options.secrets());
        var connection = new CompanyConnection(
                setup,
                signIn,
                new RegistryCatalog(registry, cache, reader, Clock.systemUTC()),
                cache,
                new LastUser(options.stateDirectory().lastUser()),
                servers,
                Clock.systemUTC());
        connection.start();
        LOG.info(
                "Company {}: registry {}, sign-in at {}",
                setup.name(),
                setup.registryUrl(),
                setup.oidc().issuer());
        return new Company(connection, registry);
    }

    public Gateway gateway() {
        return gateway;
    }

    public ServerManager serverManager() {
        return servers;
    }

    /**
     * Why part of the company's inspection setup (its defaults, its rule file) is not in force; the
     * built-in rules and safe defaults stand in for it. Empty when all of it is.
     */
    public List<String> inspectionProblems() {
        return inspection.problems();
    }

    /** The calls AI apps make through the gateway, for the desktop app's Activity screen. */
    public ActivityFeed activityFeed() {
        return activity;
    }

    @Override
    public EngineStatus status() {
        Company current = company;
        CompanyView companyView = null;
        UserView user = null;
        if (current != null) {
            CompanyConnection.Status status = current.connection().status();
            companyView = new CompanyView(
                    status.company().name(),
                    status.company().registryUrl().toString(),
                    status.catalogOrigin()
                            .map(origin ->
                                    origin.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .orElse(null),
                    status.catalogFetchedAt().map(Instant::toString).orElse(null),
                    status.message().orElse(options.secrets().persistent() ? null : NO_KEYCHAIN));
            user = status.user().map(AirlockEngine::view).orElse(null);
        }
        return new EngineStatus(
                AirlockVersion.current(),
                options.stateDirectory().toString(),
                gateway.baseUrl(),
                engines.describe(),
                companyView,
                user,
                servers(),
                inspection.problems());
    }

    @Override
    public UserView signIn(String companyAddress, Consumer<SignInNotice> notices) throws ControlException {
        if (companyAddress != null) {
            setUpCompany(companyAddress);
        }
        Company current = company;
        if (current == null) {
            throw new ControlException(
                    "no_company",
                    "No company is set up yet. Run `airlock signin COMPANY-ADDRESS` with the address your IT team gave"
                            + " you, or try `airlock --demo`.");
        }
        try {
            SignedInUser user = current.connection()
                    .signIn(progress -> notices.accept(
                            switch (progress) {
                                case SignInProgress.BrowserOpened opened ->
                                    new SignInNotice(
                                            "Your browser is open at your company's sign-in page. Sign in there; Airlock waits.",
                                            null);
                                case SignInProgress.OpenAddressYourself yourself ->
                                    new SignInNotice(
                                            yourself.message(),
                                            yourself.address().toString());
                            }));
            return view(user);
        } catch (SignInException e) {
            throw new ControlException("sign_in_" + e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted", "Airlock is shutting down.");
        }
    }

    /** First run: the address the user typed becomes the company, when it tells Airlock how to sign in. */
    private synchronized void setUpCompany(String address) throws ControlException {
        var settings = options.settings();
        if (settings.isPresent() && settings.get().settings().locked(SettingKey.REGISTRY_URL)) {
            throw new ControlException(
                    "managed",
                    "Your company manages Airlock's company settings. Run `airlock signin` without an address.");
        }
        CompanySettings discovered;
        try {
            discovered = new CompanyDiscovery().discover(address);
        } catch (DiscoveryException e) {
            throw new ControlException("company_address", e.getMessage());
        }
        if (discovered.issuer().isEmpty() || discovered.clientId().isEmpty()) {
            throw new ControlException(
                    "company_address",
                    "%s does not publish how to sign in to Airlock (its .well-known/airlock.json). Ask your IT team for"
                                    .formatted(discovered.registryUrl())
                            + " Airlock's sign-in settings.");
        }
        settings.ifPresent(store -> store.saveCompany(discovered));
        List<String> roleClaims =
                settings.map(store -> store.settings().oidcRoleClaims()).orElse(null);
        var oidc = new OidcSettings(
                discovered.issuer().get(), discovered.clientId().get(), discovered.scopes(), roleClaims, null);
        Company previous = company;
        if (previous != null) {
            previous.close();
        }
        company = connect(new CompanySetup(discovered.registryUrl().getHost(), discovered.registryUrl(), oidc));
    }

    @Override
    public void signOut() throws ControlException {
        Company current = company;
        if (current == null) {
            throw new ControlException("no_company", "No company is set up, so no one is signed in.");
        }
        current.connection().signOut();
    }

    private static UserView view(SignedInUser user) {
        return new UserView(
                user.name(), user.email(), user.roles().stream().sorted().toList());
    }

    @Override
    public List<ServerView> servers() {
        return servers.states().stream()
                .map(e -> view(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public ServerView enable(String server) throws ControlException {
        try {
            CatalogEntry entry = entry(server);
            ServerState state = servers.enable(server);
            return switch (state) {
                case ServerState.Running running -> view(entry, running);
                // on, and starts once the secret is stored: the view says which one it waits for
                case ServerState.NeedsSecret needsSecret -> view(entry, needsSecret);
                case ServerState.Unavailable unavailable ->
                    throw new ControlException("unavailable", unavailable.reason());
                case ServerState.Failed failed -> throw new ControlException("start_failed", failed.reason());
                default ->
                    throw new ControlException(
                            "start_failed", "%s was turned off while it was starting.".formatted(entry.title()));
            };
        } catch (UnknownServerException e) {
            throw new ControlException("not_found", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted", "Airlock is shutting down.");
        }
    }

    @Override
    public ServerView disable(String server) throws ControlException {
        try {
            CatalogEntry entry = entry(server);
            return view(entry, servers.disable(server));
        } catch (UnknownServerException e) {
            throw new ControlException("not_found", e.getMessage());
        }
    }

    @Override
    public ClientConnection issueClientToken(String clientName) throws ControlException {
        if (!ClientTokens.validName(clientName)) {
            throw new ControlException(
                    "bad_request",
                    "An AI app's name may use letters, digits, spaces, dots, dashes and underscores (at most 64).");
        }
        String token = tokens.issue(clientName);
        var running = new TreeMap<String, String>();
        for (ServerView server : servers()) {
            if (server.url() != null) {
                running.put(server.shortName(), server.url());
            }
        }
        return new ClientConnection(
                clientName, gateway.baseUrl() + "/mcp", Map.of("Authorization", "Bearer " + token), running);
    }

    private CatalogEntry entry(String server) throws UnknownServerException {
        return servers.catalog().find(server).orElseThrow(() -> new UnknownServerException(server));
    }

    private ServerView view(CatalogEntry entry, ServerState state) {
        return new ServerView(
                entry.name(),
                entry.shortName(),
                entry.title(),
                entry.description(),
                entry.version(),
                state.label(),
                state.detail(),
                state instanceof ServerState.Running ? gateway.serverUrl(entry.shortName()) : null,
                permissions(entry),
                secrets(entry),
                state instanceof ServerState.Running ? toolReviews.get(entry.shortName()) : null);
    }

    private static PermissionsView permissions(CatalogEntry entry) {
        if (entry.launch().isEmpty() && !entry.remotes().isEmpty()) {
            return PermissionsView.remote(remoteHost(entry));
        }
        var permissions = entry.policy().permissions();
        var network = permissions.network();
        return new PermissionsView(
                network.insecureAllowAll(),
                network.allowHost(),
                network.allowPort(),
                permissions.read(),
                permissions.write(),
                null);
    }

    /** The host of the endpoint a remote entry is reached at: Streamable HTTP's, before SSE's. */
    private static String remoteHost(CatalogEntry entry) {
        RemoteEndpoint endpoint = entry.remotes().stream()
                .filter(remote -> remote.transport() == RemoteEndpoint.Transport.STREAMABLE_HTTP)
                .findFirst()
                .orElse(entry.remotes().getFirst());
        return URI.create(endpoint.url()).getHost();
    }

    private List<SecretNeed> secrets(CatalogEntry entry) {
        return entry.launch().stream()
                .flatMap(launch -> launch.environment().stream())
                .filter(variable -> variable.secret())
                .map(variable -> new SecretNeed(
                        variable.name(),
                        variable.description(),
                        variable.required(),
                        servers.isSecretStored(entry, variable.name())))
                .toList();
    }

    @Override
    public List<ActivityView> activity(int limit, String server) throws ControlException {
        if (limit < 1 || limit > ActivityLog.DEFAULT_CAPACITY) {
            throw new ControlException(
                    "bad_request",
                    "Ask for between 1 and %d calls, not %d.".formatted(ActivityLog.DEFAULT_CAPACITY, limit));
        }
        if (server == null) {
            return activity.recent(limit);
        }
        // a server that has left the catalog (after a sign-out, say) still has its calls in the log
        var entry = servers.catalog().find(server);
        String shortName = entry.map(CatalogEntry::shortName).orElse(server.toLowerCase(Locale.ROOT));
        if (entry.isEmpty() && !activity.hasServer(shortName)) {
            throw new ControlException("not_found", new UnknownServerException(server).getMessage());
        }
        return activity.recent(limit, shortName);
    }

    /**
     * Stores the secret in the engine's secret store; a server that is on starts again with it, and
     * this returns once it runs or has failed. The value is never logged nor quoted in an error.
     */
    @Override
    public ServerView setSecret(String server, String name, String value) throws ControlException {
        try {
            CatalogEntry entry = entry(server);
            return view(entry, servers.setSecret(server, name, value));
        } catch (UnknownServerException e) {
            throw new ControlException("not_found", e.getMessage());
        } catch (InvalidSecretException e) {
            throw new ControlException("bad_request", e.getMessage());
        } catch (SecretStoreException e) {
            throw new ControlException("keychain", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted", "Airlock is shutting down.");
        }
    }

    @Override
    public ServerView removeSecret(String server, String name) throws ControlException {
        try {
            CatalogEntry entry = entry(server);
            return view(entry, servers.removeSecret(server, name));
        } catch (UnknownServerException e) {
            throw new ControlException("not_found", e.getMessage());
        } catch (InvalidSecretException e) {
            throw new ControlException("bad_request", e.getMessage());
        } catch (SecretStoreException e) {
            throw new ControlException("keychain", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted", "Airlock is shutting down.");
        }
    }

    @Override
    public ServerView approveTool(String server, String tool) throws ControlException {
        try {
            CatalogEntry entry = entry(server);
            if (!gateway.approveTool(entry.shortName(), tool)) {
                throw new ControlException(
                        "not_found",
                        "%s has no tool named '%s' waiting for your approval. Run `airlock servers` to see what is hidden."
                                .formatted(entry.title(), tool));
            }
            return view(entry, servers.state(entry.shortName()).orElseThrow());
        } catch (UnknownServerException e) {
            throw new ControlException("not_found", e.getMessage());
        }
    }

    /** Stops the gateway and every server; what the user turned on stays on for next time. */
    @Override
    public void close() {
        Company current = company;
        if (current != null) {
            current.close();
        }
        gateway.close();
        servers.close();
        engines.close();
    }
}
