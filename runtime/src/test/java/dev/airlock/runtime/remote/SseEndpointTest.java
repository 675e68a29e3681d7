package dev.airlock.runtime.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where an HTTP+SSE server may tell Airlock to send messages — with the user's token. */
class SseEndpointTest {

    private static final RemoteTarget WEATHER =
            new RemoteTarget("Weather", URI.create("https://weather.example.com/mcp/sse"));

    @Test
    void aRelativeAddressIsResolvedAgainstTheStream() throws RemoteException {
        assertThat(SseClientTransport.postAddress(WEATHER, "/message?sessionId=abc"))
                .isEqualTo(URI.create("https://weather.example.com/message?sessionId=abc"));
        assertThat(SseClientTransport.postAddress(WEATHER, "messages?s=1"))
                .isEqualTo(URI.create("https://weather.example.com/mcp/messages?s=1"));
    }

    @Test
    void anAbsoluteAddressOfTheSameOriginIsTaken() throws RemoteException {
        assertThat(SseClientTransport.postAddress(WEATHER, " https://WEATHER.example.com:443/m \n"))
                .isEqualTo(URI.create("https://WEATHER.example.com:443/m"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example.net/message",
                "//evil.example.net/message",
                "http://weather.example.com/message",
                "https://weather.example.com:8443/message",
                "https://user@weather.example.com/message",
            })
    void anotherOriginIsRefused(String address) {
        assertThatThrownBy(() -> SseClientTransport.postAddress(WEATHER, address))
                .isInstanceOf(RemoteException.class)
                .hasMessageStartingWith("The Weather server at weather.example.com gave an answer Airlock cannot use (")
                .hasMessageEndingWith("Ask IT to check the server.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "/a b", "/a\u0000b", "::not a uri", "/über"})
    void aBadEndpointEventIsRefused(String data) {
        assertThatThrownBy(() -> SseClientTransport.postAddress(WEATHER, data))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("an unusable address to send messages to");
    }

    @Test
    void anOverlongEndpointIsRefused() {
        assertThatThrownBy(() -> SseClientTransport.postAddress(WEATHER, "/" + "a".repeat(3000)))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("an unusable address to send messages to");
    }
}
