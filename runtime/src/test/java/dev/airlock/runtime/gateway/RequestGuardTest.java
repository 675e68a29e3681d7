package dev.airlock.runtime.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestGuardTest {

    @TempDir
    Path dir;

    private RequestGuard guard;
    private String bearer;

    @BeforeEach
    void tokens() {
        var tokens = new ClientTokens(dir.resolve("client-tokens.json"));
        bearer = "Bearer " + tokens.issue("cursor");
        guard = new RequestGuard(tokens, () -> 47200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1:47200",
                "localhost:47200",
                "LOCALHOST:47200",
                "[::1]:47200",
                "127.0.0.1",
                "localhost:9"
            })
    void aLoopbackHostOnAnyPortIsServed(String host) {
        assertThat(guard.check(host, null, bearer)).isEqualTo(new RequestGuard.Verdict.Allowed("cursor"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "evil.example",
                "evil.example:47200",
                "127.0.0.1.evil.example:47200",
                "localhost.evil.example",
                "127.0.0.2:47200",
                "127.0.0.1:",
                "127.0.0.1:0",
                "127.0.0.1:65536",
                "127.0.0.1:47200x",
                "127.0.0.1:+47",
                "0.0.0.0:47200",
                ""
            })
    void anyOtherHostIsRefusedAsDnsRebinding(String host) {
        assertThat(guard.check(host, null, bearer))
                .isEqualTo(new RequestGuard.Verdict.Refused(
                        403, "This gateway only answers requests addressed to 127.0.0.1:47200."));
    }

    @Test
    void noHostIsRefused() {
        assertThat(guard.check(null, null, bearer)).isInstanceOf(RequestGuard.Verdict.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://127.0.0.1:47200", "http://localhost:5173", "https://localhost", "http://[::1]:8080"})
    void aLoopbackOriginIsAccepted(String origin) {
        assertThat(guard.check("127.0.0.1:47200", origin, bearer)).isInstanceOf(RequestGuard.Verdict.Allowed.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://evil.example", "null", "file://", "http://localhost.evil.example", "ws://localhost"})
    void aWebPageFromElsewhereIsRefused(String origin) {
        assertThat(guard.check("127.0.0.1:47200", origin, bearer))
                .isInstanceOfSatisfying(
                        RequestGuard.Verdict.Refused.class,
                        refused -> assertThat(refused.status()).isEqualTo(403));
    }

    @Test
    void aLoopbackRequestStillNeedsAToken() {
        assertThat(guard.check("127.0.0.1:47200", null, null))
                .isInstanceOfSatisfying(
                        RequestGuard.Verdict.Refused.class,
                        refused -> assertThat(refused.status()).isEqualTo(401));
        assertThat(guard.check("127.0.0.1:47200", null, "Bearer alk_not-a-real-token"))
                .isInstanceOfSatisfying(
                        RequestGuard.Verdict.Refused.class,
                        refused -> assertThat(refused.status()).isEqualTo(401));
    }
}
