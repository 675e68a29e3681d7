package dev.airlock.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import dev.airlock.runtime.auth.AccessTokenSource;
import dev.airlock.runtime.auth.Browser;
import dev.airlock.runtime.auth.NotSignedInException;
import dev.airlock.runtime.auth.OidcSettings;
import dev.airlock.runtime.auth.SignInManager;
import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RemoteEndpoint;
import dev.airlock.runtime.catalog.ServerPolicy.Identity;
import dev.airlock.runtime.engine.AirlockEngine;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.secrets.MemorySecretStore;
import dev.airlock.runtime.server.ServerState;
import dev.airlock.runtime.state.StateDirectory;
import dev.airlock.runtime.testing.CapturedLog;
import dev.airlock.runtime.testing.McpClients;
import dev.airlock.runtime.testing.TestCatalogs;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose identity a remote server sees, through the real gateway and the official MCP Java SDK
 * client: the user's own access token, a token exchanged for the server alone (RFC 8693 at a real
 * token endpoint, mock-oauth2-server), or nothing — and never the AI app's gateway token. The remote
 * server is a test double that records what it was sent.
 */
class RemoteIdentityIT {

    private static final String AUDIENCE = "https://weather.example.com";

    @TempDir
    Path stateDir;

    private ExchangingProvider provider;
    private RecordingRemoteServer remote;
    private UserTokens user;
    private SignInManager signIn;
    private AirlockEngine engine;
    private String gatewayToken;
    private final CapturedLog log = new CapturedLog();

    /** The signed-in user's access tokens, as SignInManager hands them out; a 401 makes it renew. */
    private static final class UserTokens implements AccessTokenSource {
        private final ExchangingProvider provider;
        private volatile String current;
        final List<String> rejected = new CopyOnWriteArrayList<>();
        final List<String> issued = new CopyOnWriteArrayList<>();

        UserTokens(ExchangingProvider provider) {
            this.provider = provider;
            this.current = issue();
        }

        private String issue() {
            String token = provider.userToken("alice-42");
            issued.add(token);
            return token;
        }

        @Override
        public String accessToken() throws NotSignedInException {
            String token = current;
            if (token == null) {
                throw new NotSignedInException("You are not signed in to Airlock. Sign in, then try again.");
            }
            return token;
        }

        @Override
        public void rejected(String accessToken) {
            rejected.add(accessToken);
            if (accessToken.equals(current)) {
                current = issue();
            }
        }

        void signOut() {
            current = null;
        }
    }

    @BeforeEach
    void start() throws Exception {
        provider = new ExchangingProvider();
        remote = new RecordingRemoteServer();
        user = new UserTokens(provider);
        Browser noBrowser = address -> {
            throw new AssertionError("no sign-in in a browser here");
        };
        signIn = new SignInManager(
                OidcSettings.of(provider.issuer(), ExchangingProvider.CLIENT_ID), new MemorySecretStore(), noBrowser);
    }

    /** Whatever happened, no token shows in the log, a server's state or the activity records. */
    private void assertNoTokenLeaked() throws Exception {
        var tokens = new java.util.ArrayList<String>(user.issued);
        remote.bearerTokens().stream().filter(t -> t.startsWith("ey")).forEach(tokens::add);
        if (gatewayToken != null) {
            tokens.add(gatewayToken);
        }
        String logged = log.text();
        String seenByPeople = engine == null
                ? ""
                : engine.status().toString() + engine.activity(1000, null).toString();
        log.close();
        for (String token : tokens) {
            assertThat(logged).doesNotContain(token);
            assertThat(seenByPeople).doesNotContain(token);
            // a part is enough to misuse some tokens: not even their signature may show
            assertThat(logged).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertNoTokenLeaked();
        } finally {
            close();
        }
    }

    private void close() {
        if (engine != null) {
            engine.close();
        }
        signIn.close();
        remote.close();
        provider.close();
    }

    private void startEngine(Identity identity) throws Exception {
        var policy = TestCatalogs.withIdentity(identity);
        var entry = new CatalogEntry(
                "io.example/weather",
                "weather",
                "Weather",
                "A remote server",
                "1.0.0",
                Optional.empty(),
                List.of(new RemoteEndpoint(RemoteEndpoint.Transport.STREAMABLE_HTTP, remote.url())),
                policy,
                Optional.empty(),
                Availability.available());
        engine = AirlockEngine.start(EngineOptions.of(
                new Catalog(List.of(entry)), StateDirectory.at(stateDir).create(), 0, System.getenv()));
        engine.serverManager().useCredentials(new RemoteCredentials(user, signIn, Clock.systemUTC()));
        gatewayToken = engine.issueClientToken("identity-it").bearerToken();
    }

    private String whoami() {
        try (McpSyncClient client = McpClients.connect(engine.gateway().baseUrl() + "/mcp/weather", gatewayToken)) {
            client.initialize();
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
            return ((McpSchema.TextContent) result.content().getFirst()).text();
        }
    }

    @Test
    void byDefaultTheServerGetsTheUsersAccessTokenAndNeverTheGatewayToken() throws Exception {
        String accessToken = user.accessToken();
        startEngine(Identity.ACCESS_TOKEN);

        assertThat(engine.serverManager().enable("weather")).isInstanceOf(ServerState.Running.class);
        assertThat(whoami()).isEqualTo("someone");
        assertThat(whoami()).isEqualTo("someone");

        assertThat(remote.seen())
                .extracting(RecordingRemoteServer.Seen::rpcMethod)
                .contains("initialize", "tools/call");
        assertThat(remote.bearerTokens()).isNotEmpty().allMatch(accessToken::equals);
        assertThat(remote.seen())
                .noneMatch(seen -> seen.authorization().orElse("").contains(gatewayToken));
        assertThat(provider.tokenRequests()).isEmpty();

        // turning it off ends the session at the server, as the same user
        assertThat(engine.serverManager().disable("weather")).isInstanceOf(ServerState.Off.class);
        assertThat(remote.seen().getLast().httpMethod()).isEqualTo("DELETE");
        assertThat(remote.seen().getLast().authorization()).contains("Bearer " + accessToken);
    }

    @Test
    void withExchangeTheServerGetsATokenForItselfFromTheSignInServiceOnceForManyCalls() throws Exception {
        String accessToken = user.accessToken();
        startEngine(new Identity.Exchange(AUDIENCE, "forecast"));

        assertThat(engine.serverManager().enable("weather")).isInstanceOf(ServerState.Running.class);
        assertThat(whoami()).isEqualTo("someone");
        assertThat(whoami()).isEqualTo("someone");

        List<String> tokens = remote.bearerTokens();
        assertThat(tokens).isNotEmpty().doesNotContain(accessToken, gatewayToken, "(none)");
        assertThat(tokens).containsOnly(tokens.getFirst());
        var claims = SignedJWT.parse(tokens.getFirst()).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly(AUDIENCE);
        assertThat(claims.getIssuer()).isEqualTo(provider.issuer().toString());
        assertThat(claims.getSubject()).isEqualTo("alice-42");

        // one exchange for every call, asked for as RFC 8693 says, by Airlock's public client
        assertThat(provider.tokenRequests()).hasSize(1);
        assertThat(provider.tokenRequests().getFirst())
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token", accessToken)
                .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .containsEntry("requested_token_type", "urn:ietf:params:oauth:token-type:access_token")
                .containsEntry("audience", AUDIENCE)
                .containsEntry("scope", "forecast")
                .containsEntry("client_id", ExchangingProvider.CLIENT_ID)
                .doesNotContainKey("client_secret");
    }

    @Test
    void aPublicServerGetsNoAuthorizationAtAll() throws Exception {
        startEngine(Identity.NONE);

        assertThat(engine.serverManager().enable("weather")).isInstanceOf(ServerState.Running.class);
        assertThat(whoami()).isEqualTo("anonymous");

        assertThat(remote.seen())
                .isNotEmpty()
                .allMatch(seen -> seen.authorization().isEmpty());
    }

    @Test
    void aRefusedAccessTokenIsRenewedOnceAndTheRequestSentAgain() throws Exception {
        String first = user.accessToken();
        remote.refuse(first);
        startEngine(Identity.ACCESS_TOKEN);

        assertThat(engine.serverManager().enable("weather")).isInstanceOf(ServerState.Running.class);
        assertThat(whoami()).isEqualTo("someone");

        String renewed = user.accessToken();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(user.rejected).containsExactly(first);
        List<String> tokens = remote.bearerTokens();
        assertThat(tokens.getFirst()).isEqualTo(first);
        assertThat(tokens.subList(1, tokens.size())).isNotEmpty().containsOnly(renewed);
    }

    @Test
    void aRefusedExchangedTokenIsExchangedAgainAndTheCallSucceeds() throws Exception {
        startEngine(new Identity.Exchange(AUDIENCE, null));
        assertThat(engine.serverManager().enable("weather")).isInstanceOf(ServerState.Running.class);
        String firstExchanged = remote.bearerTokens().getFirst();

        remote.refuse(firstExchanged);
        assertThat(whoami()).isEqualTo("someone");

        assertThat(provider.tokenRequests()).hasSize(2);
        assertThat(remote.bearerTokens().getLast()).isNotEqualTo(firstExchanged);
        assertThat(SignedJWT.parse(remote.bearerTokens().getLast())
                        .getJWTClaimsSet()
                        .getAudience())
                .containsExactly(AUDIENCE);
    }

    @Test
    void aServerThatRefusesEvenAFreshTokenFailsWithAReasonForPeople() throws Exception {
        remote.refuseEveryone();
        startEngine(Identity.ACCESS_TOKEN);

        ServerState state = engine.serverManager().enable("weather");

        String host = URI.create(remote.url()).getHost() + ":"
                + URI.create(remote.url()).getPort();
        assertThat(state)
                .isEqualTo(new ServerState.Failed("The Weather server at " + host
                        + " refused your sign-in (HTTP 401). Sign in to Airlock again; if it keeps happening, ask IT"
                        + " whether your role may use this server."));
        assertThat(user.rejected).hasSize(1);
        assertThat(remote.seen()).hasSize(2);
    }

    @Test
    void withNoOneSignedInTheServerDoesNotStartAndSaysWhy() throws Exception {
        user.signOut();
        startEngine(Identity.ACCESS_TOKEN);

        assertThat(engine.serverManager().enable("weather"))
                .isEqualTo(new ServerState.Failed("Sign in to your company to use this server."));
        assertThat(remote.seen()).isEmpty();
    }

    @Test
    void aServerThatLostItsSessionGetsANewOneAndTheCallThatMetItIsToldToTryAgain() throws Exception {
        startEngine(Identity.ACCESS_TOKEN);
        assertThat(engine.serverManager().enable("weather")).isInstanceOf(ServerState.Running.class);
        // the gateway reviews the server's tools as it starts (ADR 0023); once it has, the call below is
        // the first request to meet the lost session
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engine.servers().stream()
                        .anyMatch(view -> view.shortName().equals("weather")
                                && view.tools().reviewed()));
        remote.forgetSessions();

        try (McpSyncClient client = McpClients.connect(engine.gateway().baseUrl() + "/mcp/weather", gatewayToken)) {
            client.initialize();
            assertThatThrownBy(() -> client.callTool(new McpSchema.CallToolRequest("whoami", Map.of())))
                    .isInstanceOf(McpError.class)
                    .hasMessageContaining(
                            "had lost its session with Airlock, so Airlock started a new one. Try again.");
            McpSchema.CallToolResult again = client.callTool(new McpSchema.CallToolRequest("whoami", Map.of()));
            assertThat(((McpSchema.TextContent) again.content().getFirst()).text())
                    .isEqualTo("someone");
        }
        assertThat(remote.seen())
                .extracting(RecordingRemoteServer.Seen::rpcMethod)
                .filteredOn("initialize"::equals)
                .hasSize(2);
        assertThat(engine.serverManager().state("weather").orElseThrow()).isInstanceOf(ServerState.Running.class);
    }
}
