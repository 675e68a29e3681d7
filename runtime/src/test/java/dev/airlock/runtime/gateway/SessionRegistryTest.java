package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.server.ServerConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.IntNode;

class SessionRegistryTest {

    private final ServerConnection connection = new ServerConnection("weather", bytes -> true, notification -> {});

    private ClientSession session(SessionRegistry registry, String client) {
        return new ClientSession(
                registry.newId(),
                client,
                new ClientSession.Reach.OneServer("weather", connection),
                "2025-06-18",
                "app",
                "1");
    }

    @Test
    void oneAppCannotTakeEverySessionAndTheGatewayHasItsOwnLimit() {
        var registry = new SessionRegistry(4, 2);

        assertThat(registry.add(session(registry, "cursor"))).isEqualTo(SessionRegistry.Admission.ADMITTED);
        assertThat(registry.add(session(registry, "cursor"))).isEqualTo(SessionRegistry.Admission.ADMITTED);
        assertThat(registry.add(session(registry, "cursor"))).isEqualTo(SessionRegistry.Admission.CLIENT_FULL);
        // another app still gets in
        assertThat(registry.add(session(registry, "claude-desktop"))).isEqualTo(SessionRegistry.Admission.ADMITTED);
        assertThat(registry.add(session(registry, "claude-desktop"))).isEqualTo(SessionRegistry.Admission.ADMITTED);
        assertThat(registry.add(session(registry, "vs-code"))).isEqualTo(SessionRegistry.Admission.GATEWAY_FULL);
        assertThat(registry.size()).isEqualTo(4);
    }

    @Test
    void sessionsNobodyUsesAreEndedButNotThoseWithARequestWaitingOrAStreamOpen() {
        var registry = new SessionRegistry(10, 10);
        ClientSession left = session(registry, "cursor");
        ClientSession waiting = session(registry, "cursor");
        ClientSession listening = session(registry, "cursor");
        registry.add(left);
        registry.add(waiting);
        registry.add(listening);
        waiting.track(IntNode.valueOf(1), new PostExchange(IntNode.valueOf(1), connection, Duration.ofMinutes(5)));
        assertThat(listening.openStream(false)).isNotZero();

        assertThat(registry.closeIdle(Duration.ofHours(1))).isZero(); // all used within the hour

        assertThat(registry.closeIdle(Duration.ZERO)).isEqualTo(1);
        assertThat(registry.get(left.id())).isEmpty();
        assertThat(left.closed()).isTrue();
        assertThat(registry.get(waiting.id())).isPresent();
        assertThat(registry.get(listening.id())).isPresent();
    }
}
