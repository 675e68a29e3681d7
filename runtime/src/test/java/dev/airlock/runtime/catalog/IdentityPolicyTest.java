package dev.airlock.runtime.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.catalog.Availability.Unavailable;
import dev.airlock.runtime.catalog.ServerPolicy.Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy's {@code identity}: whose credential a remote server gets, read as untrusted input. */
class IdentityPolicyTest {

    private static final RegistryFileReader READER = new RegistryFileReader();

    @Test
    void withoutIdentityARemoteServerGetsTheUsersAccessToken() throws CatalogException {
        CatalogEntry entry = remoteEntry(null);

        assertThat(entry.available()).isTrue();
        assertThat(entry.policy().identity()).isEqualTo(Identity.ACCESS_TOKEN);
    }

    @Test
    void theThreeKinds() throws CatalogException {
        assertThat(remoteEntry("{\"token\": \"access-token\"}").policy().identity())
                .isEqualTo(Identity.ACCESS_TOKEN);
        assertThat(remoteEntry("{\"token\": \"none\"}").policy().identity()).isEqualTo(Identity.NONE);
        assertThat(remoteEntry("{\"token\": \"exchange\", \"audience\": \"https://weather.example.com\"}")
                        .policy()
                        .identity())
                .isEqualTo(new Identity.Exchange("https://weather.example.com", null));
        assertThat(remoteEntry(
                                "{\"token\": \"exchange\", \"audience\": \"weather\", \"scope\": \"forecast:read alerts\"}")
                        .policy()
                        .identity())
                .isEqualTo(new Identity.Exchange("weather", "forecast:read alerts"));
    }

    @Test
    void unknownKeysBesideAreIgnored() throws CatalogException {
        CatalogEntry entry = remoteEntry("{\"token\": \"none\", \"cache\": true}");

        assertThat(entry.available()).isTrue();
        assertThat(entry.policy().identity()).isEqualTo(Identity.NONE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "access-token"                                          | 'identity' must be a JSON object
            {"token": "client-credentials"}                         | 'identity.token' must be one of access-token, exchange or none
            {"token": "Access-Token"}                               | 'identity.token' must be one of access-token, exchange or none
            {"token": true}                                         | 'identity.token' must be one of access-token, exchange or none
            {"token": "exchange"}                                   | 'identity.audience' must name the server at the sign-in service, such as https://weather.example.com
            {"token": "exchange", "audience": ""}                   | 'identity.audience' must name the server at the sign-in service, such as https://weather.example.com
            {"token": "exchange", "audience": "a b"}                | 'identity.audience' must name the server at the sign-in service, such as https://weather.example.com
            {"token": "exchange", "audience": "x\\r\\nHost: evil"}  | 'identity.audience' must name the server at the sign-in service, such as https://weather.example.com
            {"token": "exchange", "audience": ["a"]}                | 'identity.audience' must name the server at the sign-in service, such as https://weather.example.com
            {"token": "exchange", "audience": "a", "scope": "a  b"} | 'identity.scope' must be scope names separated by spaces
            {"token": "exchange", "audience": "a", "scope": 3}      | 'identity.scope' must be scope names separated by spaces
            {"token": "none", "audience": "a"}                      | 'identity.audience' only goes with "token": "exchange"
            {"audience": "https://weather.example.com"}             | 'identity.audience' only goes with "token": "exchange"
            """)
    void badValuesMakeTheEntryUnavailableWithTheReason(String identity, String problem) throws CatalogException {
        CatalogEntry entry = remoteEntry(identity);

        assertThat(entry.availability())
                .isEqualTo(new Unavailable("The company policy for this server is invalid: " + problem + "."));
    }

    @Test
    void aBadIdentityHidesNoOtherEntry() throws CatalogException {
        Catalog catalog = READER.parse(("{\"servers\": [" + item("io.example/bad", "{\"token\": \"all\"}") + ", "
                        + item("io.example/good", "{\"token\": \"none\"}") + "]}")
                .getBytes(UTF_8));

        assertThat(catalog.find("bad").orElseThrow().available()).isFalse();
        assertThat(catalog.find("good").orElseThrow().available()).isTrue();
    }

    private static CatalogEntry remoteEntry(String identity) throws CatalogException {
        var entries = READER.parse(("{\"servers\": [" + item("io.example/weather", identity) + "]}").getBytes(UTF_8))
                .entries();
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    private static String item(String name, String identity) {
        String policy = identity == null ? "{}" : "{\"identity\": " + identity + "}";
        return "{\"server\": {\"name\": \"" + name
                + "\", \"description\": \"A remote server.\", \"version\": \"1.0.0\","
                + " \"remotes\": [{\"type\": \"streamable-http\", \"url\": \"https://weather.example.com/mcp\"}]},"
                + " \"_meta\": {\"dev.airlock/policy\": " + policy + "}}";
    }
}
