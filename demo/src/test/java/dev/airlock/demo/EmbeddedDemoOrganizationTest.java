package dev.airlock.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.demo.DemoCompany;
import dev.airlock.runtime.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Example Corp as a newcomer meets it: a sign-in page with two people, and a catalog per team. */
class EmbeddedDemoOrganizationTest {

    private static final String REDIRECT = "http://127.0.0.1:9/callback";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DemoOrganizationHolder demo;

    record DemoOrganizationHolder(EmbeddedDemoOrganization organization, DemoCompany company) {}

    @BeforeAll
    static void start() throws Exception {
        // found the way the app finds it
        var organization =
                (EmbeddedDemoOrganization) ServiceLoader.load(dev.airlock.runtime.demo.DemoOrganization.class)
                        .findFirst()
                        .orElseThrow();
        demo = new DemoOrganizationHolder(organization, organization.start());
    }

    @AfterAll
    static void stop() {
        demo.organization().close();
    }

    @Test
    void wellKnownTellsAirlockHowToSignIn() throws Exception {
        JsonNode wellKnown = getJson(demo.company().registryUrl().resolve("/.well-known/airlock.json"), null);

        assertThat(wellKnown.path("issuer").asString())
                .isEqualTo(demo.company().issuer().toString());
        assertThat(wellKnown.path("clientId").asString()).isEqualTo("airlock-demo");
        assertThat(wellKnown.path("scopes").toString()).contains("openid", "offline_access");
        assertThat(demo.company().issuer().getHost()).isEqualTo("127.0.0.1");
        assertThat(demo.company().registryUrl().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void theCatalogNeedsASignedInCaller() throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(servers())
                        .header("Authorization", "Bearer not-a-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void eachTeamSeesItsOwnServersAndEveryEntryIsValid() throws Exception {
        Catalog engineering = catalogFor("alex.rivera", "Alex Rivera", "engineering");
        Catalog sales = catalogFor("sam.lee", "Sam Lee", "sales");

        assertThat(engineering.entries())
                .extracting(CatalogEntry::shortName)
                .containsExactly("everything", "filesystem", "weather");
        assertThat(sales.entries())
                .extracting(CatalogEntry::shortName)
                .containsExactly("everything", "memory", "weather");
        assertThat(engineering.entries()).allMatch(CatalogEntry::available);
        assertThat(sales.entries()).allMatch(CatalogEntry::available);
    }

    /** Signs in through the demo's own sign-in page as a browser would, then asks for the catalog. */
    private static Catalog catalogFor(String username, String name, String group) throws Exception {
        URI authorize = URI.create(demo.company().issuer() + "/authorize?client_id=airlock-demo&response_type=code"
                + "&scope=openid%20profile&state=s1&nonce=n1&redirect_uri=" + encode(REDIRECT));
        var page = HTTP.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Sign in to Example Corp", "Alex Rivera", "Sam Lee");

        String claims = "{\"name\":\"%s\",\"groups\":[\"%s\"]}".formatted(name, group);
        var login = HTTP.send(
                HttpRequest.newBuilder(authorize)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=" + encode(username) + "&claims=" + encode(claims)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        URI callback = URI.create(login.headers().firstValue("Location").orElseThrow());
        assertThat(callback.toString()).startsWith(REDIRECT).contains("state=s1");
        String code = callback.getQuery().replaceAll(".*code=([^&]+).*", "$1");

        var token = HTTP.send(
                HttpRequest.newBuilder(URI.create(demo.company().issuer() + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                                + "&client_id=airlock-demo&redirect_uri=" + encode(REDIRECT)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken =
                Json.mapper().readTree(token.body()).path("access_token").asString();

        var list = HTTP.send(
                HttpRequest.newBuilder(servers())
                        .header("Authorization", "Bearer " + accessToken)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(list.statusCode()).isEqualTo(200);
        return new RegistryFileReader().parse(list.body());
    }

    private static URI servers() {
        return demo.company().registryUrl().resolve("/v0.1/servers?version=latest");
    }

    private static JsonNode getJson(URI uri, String token) throws Exception {
        var builder = HttpRequest.newBuilder(uri);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return Json.mapper()
                .readTree(HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
