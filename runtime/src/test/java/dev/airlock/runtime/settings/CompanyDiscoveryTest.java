package dev.airlock.runtime.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The first run: the company address the user types, against a company web server on 127.0.0.1. */
@Timeout(60)
class CompanyDiscoveryTest {

    private record Answer(int status, String body) {}

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private Server server;
    private String address;
    private final CompanyDiscovery discovery = new CompanyDiscovery(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(5));

    @TempDir
    Path dir;

    @BeforeEach
    void startTheCompanysWebServer() throws Exception {
        server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                requested.add(request.getHttpURI().getPath() + " "
                        + request.getHeaders().get(HttpHeader.ACCEPT));
                Answer answer = answers.getOrDefault(request.getHttpURI().getPath(), new Answer(404, "not found"));
                response.setStatus(answer.status());
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(answer.body().getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
        address = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void theCompanysAirlockFileGivesTheSignInProvider() throws Exception {
        answers.put("/.well-known/airlock.json", new Answer(200, """
                { "issuer": "https://login.acme.example/realms/staff",
                  "clientId": "airlock-desktop",
                  "scopes": ["openid", "profile", "offline_access"],
                  "somethingNewer": true }"""));

        CompanySettings company = discovery.discover(address);

        assertThat(company)
                .isEqualTo(new CompanySettings(
                        URI.create(address),
                        Optional.of(URI.create("https://login.acme.example/realms/staff")),
                        Optional.of("airlock-desktop"),
                        List.of("openid", "profile", "offline_access")));
        assertThat(requested).containsExactly("/.well-known/airlock.json application/json");
    }

    @Test
    void aRegistryUnderAPathHasItsFileUnderThatPath() throws Exception {
        answers.put("/registry/.well-known/airlock.json", new Answer(200, "{ \"clientId\": \"airlock\" }"));

        CompanySettings company = discovery.discover(address + "/registry/");

        assertThat(company.registryUrl()).isEqualTo(URI.create(address + "/registry"));
        assertThat(company.clientId()).contains("airlock");
        assertThat(company.issuer()).isEmpty();
        assertThat(company.scopes()).isEmpty();
    }

    @Test
    void withoutAnAirlockFileTheAddressIsJustTheRegistry() throws Exception {
        CompanySettings company = discovery.discover(address);

        assertThat(company).isEqualTo(CompanySettings.registryOnly(URI.create(address)));
    }

    @Test
    void aBrokenAirlockFileIsAClearError() {
        answers.put("/.well-known/airlock.json", new Answer(200, "{ \"issuer\": "));

        assertThatThrownBy(() -> discovery.discover(address))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("The Airlock file at " + address
                        + "/.well-known/airlock.json is not a valid JSON object. Ask your IT team to check it.");
    }

    @Test
    void anAirlockFileThatIsNotAnObjectIsAClearError() {
        answers.put("/.well-known/airlock.json", new Answer(200, "[\"issuer\"]"));

        assertThatThrownBy(() -> discovery.discover(address))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("is not a valid JSON object");
    }

    @Test
    void anUnusableFieldIsNamed() {
        answers.put("/.well-known/airlock.json", new Answer(200, "{ \"issuer\": \"http://login.acme.example\" }"));

        assertThatThrownBy(() -> discovery.discover(address))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("has an unusable \"issuer\": it must be an https:// address");
    }

    @Test
    void anOversizedAnswerIsRefused() {
        answers.put("/.well-known/airlock.json", new Answer(200, "{\"x\": \"" + "a".repeat(70 * 1024) + "\"}"));

        assertThatThrownBy(() -> discovery.discover(address))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("is larger than 64 KB");
    }

    @Test
    void aServerErrorIsAClearError() {
        answers.put("/.well-known/airlock.json", new Answer(503, "down"));

        assertThatThrownBy(() -> discovery.discover(address))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage(URI.create(address).getAuthority()
                        + " answered with an error (HTTP 503). Check the address, or try again later.");
    }

    @Test
    void anUnreachableAddressIsAClearError() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> discovery.discover("http://127.0.0.1:" + closedPort))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("Airlock cannot reach 127.0.0.1:" + closedPort
                        + ". Check the address and your network connection, then try again.");
    }

    @Test
    void plainHttpIsRefusedExceptToThisComputer() {
        assertThatThrownBy(() -> discovery.discover("http://acme.example"))
                .isInstanceOf(DiscoveryException.class)
                .hasMessage("Airlock connects to your company only over https. Type the address as"
                        + " https://acme.example, or ask your IT team for the right one.");
        assertThat(requested).isEmpty();
    }

    @Test
    void whatTheUserTypesBecomesAnHttpsAddress() throws Exception {
        assertThat(CompanyDiscovery.companyAddress("acme.example")).isEqualTo(URI.create("https://acme.example"));
        assertThat(CompanyDiscovery.companyAddress("  Registry.ACME.example/mcp/  "))
                .isEqualTo(URI.create("https://registry.acme.example/mcp"));
        assertThat(CompanyDiscovery.companyAddress("https://acme.example:8443"))
                .isEqualTo(URI.create("https://acme.example:8443"));
        assertThat(CompanyDiscovery.companyAddress("http://localhost:8080"))
                .isEqualTo(URI.create("http://localhost:8080"));
        assertThat(CompanyDiscovery.companyAddress("http://127.0.0.1:8080/"))
                .isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void addressesThatAreNotOnesAreRefusedWithAHint() {
        assertThatThrownBy(() -> CompanyDiscovery.companyAddress("   "))
                .hasMessage("Type your company's address, for example acme.example.");
        assertThatThrownBy(() -> CompanyDiscovery.companyAddress("acme example"))
                .hasMessage(
                        "\"acme example\" is not a web address. Type your company's address, for example acme.example.");
        assertThatThrownBy(() -> CompanyDiscovery.companyAddress("ftp://acme.example"))
                .hasMessageContaining("is not a web address");
        assertThatThrownBy(() -> CompanyDiscovery.companyAddress("https://acme.example/?x=1"))
                .hasMessage("Type only your company's address, for example acme.example: no name@ in front,"
                        + " nothing after ? or #.");
        assertThatThrownBy(() -> CompanyDiscovery.companyAddress("https://me@acme.example"))
                .hasMessageContaining("no name@ in front");
    }

    @Test
    void whatWasDiscoveredIsSavedAsTheUsersSettings() throws Exception {
        answers.put("/.well-known/airlock.json", new Answer(200, """
                { "issuer": "https://login.acme.example", "clientId": "airlock-desktop" }"""));
        var store = new SettingsStore(ManagedSource.none(), dir.resolve("settings.json"));

        store.saveCompany(discovery.discover(address));

        Settings settings = new SettingsStore(ManagedSource.none(), dir.resolve("settings.json")).settings();
        assertThat(settings.registryUrl()).contains(URI.create(address));
        assertThat(settings.oidcIssuer()).contains(URI.create("https://login.acme.example"));
        assertThat(settings.oidcClientId()).contains("airlock-desktop");
        assertThat(settings.get(SettingKey.OIDC_CLIENT_ID).source()).isEqualTo(SettingSource.USER);
    }
}
