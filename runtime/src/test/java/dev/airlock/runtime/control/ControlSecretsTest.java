package dev.airlock.runtime.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code secret-set} and {@code secret-remove} on the wire, as the command line and scripts send them. */
@Timeout(60)
class ControlSecretsTest {

    /** AWS's documentation example key: a well-known fake. */
    private static final String TOKEN = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private final InMemoryEngineControl engine = new InMemoryEngineControl().withGitHub();
    private StateDirectory state;
    private ControlServer server;
    private ControlClient client;

    @BeforeEach
    void start() throws Exception {
        state = StateDirectory.at(dir).create();
        server = new ControlServer(state, engine, "1.2.3");
        server.start();
        client = new ControlClient(state);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theValueArrivesAsSentAndTheAnswerIsTheServerView() throws Exception {
        String value = TOKEN + " with spaces, \"quotes\", ünïcödé and a\nline break";

        ServerView view = client.setSecret("github", "GITHUB_TOKEN", value);

        assertThat(engine.storedSecret("github", "GITHUB_TOKEN")).contains(value);
        assertThat(view).isEqualTo(engine.servers().getLast());
        assertThat(view.secrets().getFirst().stored()).isTrue();
        assertThat(Json.mapper().writeValueAsString(view)).doesNotContain(TOKEN);

        ServerView removed = client.removeSecret("github", "GITHUB_TOKEN");
        assertThat(engine.storedSecret("github", "GITHUB_TOKEN")).isEmpty();
        assertThat(removed.secrets().getFirst().stored()).isFalse();
    }

    @Test
    void theWireFormatIsTheDocumentedOne() throws Exception {
        try (var raw = new RawConnection(state.controlSocket())) {
            JsonNode set = raw.exchange(
                    "{\"command\":\"secret-set\",\"server\":\"github\",\"name\":\"GITHUB_TOKEN\",\"value\":\"" + TOKEN
                            + "\"}");
            assertThat(set.path("ok").asBoolean()).isTrue();
            assertThat(set.path("result").path("shortName").asString()).isEqualTo("github");
            assertThat(set.path("result").path("secrets").get(0).toString())
                    .isEqualTo("{\"name\":\"GITHUB_TOKEN\",\"description\":\"Your GitHub personal access token\","
                            + "\"required\":true,\"stored\":true}");

            JsonNode removed =
                    raw.exchange("{\"command\":\"secret-remove\",\"server\":\"github\",\"name\":\"GITHUB_TOKEN\"}");
            assertThat(removed.path("ok").asBoolean()).isTrue();
            assertThat(removed.path("result")
                            .path("secrets")
                            .get(0)
                            .path("stored")
                            .asBoolean())
                    .isFalse();
        }
    }

    @Test
    void malformedRequestsAreBadRequestsThatNeverQuoteTheValue() throws Exception {
        try (var raw = new RawConnection(state.controlSocket())) {
            assertThat(raw.exchange("{\"command\":\"secret-set\",\"server\":\"github\",\"name\":\"GITHUB_TOKEN\"}")
                            .toString())
                    .isEqualTo("{\"ok\":false,\"error\":{\"code\":\"bad_request\",\"message\":"
                            + "\"The secret-set command needs the secret's \\\"value\\\" as a string.\"}}");
            assertThat(raw.exchange(
                                    "{\"command\":\"secret-set\",\"server\":\"github\",\"name\":\"GITHUB_TOKEN\",\"value\":[\""
                                            + TOKEN + "\"]}")
                            .toString())
                    .contains("bad_request")
                    .doesNotContain(TOKEN);
            assertThat(raw.exchange("{\"command\":\"secret-set\",\"server\":\"github\",\"value\":\"" + TOKEN + "\"}")
                            .path("error")
                            .path("message")
                            .asString())
                    .isEqualTo("The secret-set command needs the secret's \"name\", such as GITHUB_TOKEN.");
            assertThat(raw.exchange("{\"command\":\"secret-remove\",\"name\":\"GITHUB_TOKEN\"}")
                            .path("error")
                            .path("message")
                            .asString())
                    .isEqualTo("The secret-remove command needs a \"server\" name.");
            // a request too long to read is refused without reading it back
            assertThat(raw.exchange("{\"command\":\"secret-set\",\"server\":\"github\",\"name\":\"GITHUB_TOKEN\","
                                    + "\"value\":\"" + TOKEN.repeat(2000) + "\"}")
                            .toString())
                    .contains("request_too_large")
                    .doesNotContain(TOKEN);
        }
        assertThat(engine.storedSecret("github", "GITHUB_TOKEN")).isEmpty();
    }

    @Test
    void theEnginesRefusalComesBackWithItsCode() {
        assertThatThrownBy(() -> client.setSecret("github", "SLACK_TOKEN", TOKEN))
                .isInstanceOfSatisfying(
                        ControlException.class, e -> assertThat(e.code()).isEqualTo("bad_request"))
                .hasMessage("GitHub has no secret named SLACK_TOKEN.");
    }

    @Test
    void aRequestPrintedForTheLogHidesTheValue() {
        var request = new ControlRequest.SetSecret("github", "GITHUB_TOKEN", TOKEN);

        assertThat(request.toString()).doesNotContain(TOKEN).contains("github", "GITHUB_TOKEN", "hidden");
        assertThat(request.toJson().path("value").asString()).isEqualTo(TOKEN);
    }
}
