package dev.airlock.ui.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.json.Json;
import dev.airlock.ui.common.Background;
import java.util.ArrayList;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ToolsViewModelTest {

    private static final Executor INLINE = Runnable::run;
    private final InMemoryEngineControl engine = new InMemoryEngineControl();
    private final ToolsViewModel tools = new ToolsViewModel(
            ResourceBundle.getBundle("dev.airlock.ui.strings"), engine, new Background(INLINE, INLINE));

    @Test
    void turningAToolOnAndOffUpdatesItsCardAndSaysSo() throws ControlException {
        tools.show(engine.servers());

        tools.setOn("everything", true);
        assertThat(card("everything").state()).isEqualTo(ToolCard.State.ON);
        assertThat(tools.messageProperty().get()).isEqualTo("Everything is on.");
        assertThat(tools.working()).isEmpty();

        tools.setOn("everything", false);
        assertThat(card("everything").state()).isEqualTo(ToolCard.State.OFF);
        assertThat(tools.messageProperty().get()).isEqualTo("Everything is off.");
    }

    @Test
    void aToolThatFailsToStartNeedsAttentionAndTheProblemIsShown() {
        tools.show(engine.servers());

        tools.setOn("broken", true);

        assertThat(card("broken").state()).isEqualTo(ToolCard.State.NEEDS_ATTENTION);
        assertThat(tools.problemProperty().get().sentence())
                .isEqualTo("Broken could not start. Turn it on again; if it keeps failing, send the details to your IT"
                        + " team.");
        assertThat(tools.problemProperty().get().detail()).isEqualTo("The container exited at start-up (exit code 1).");
    }

    @Test
    void aRefusalIsAProblemWithItsDetailsOneClickAway() {
        tools.show(engine.servers());

        tools.setOn("weather", true);

        assertThat(tools.problemProperty().get().sentence()).contains("pinned image digest");
        assertThat(tools.problemProperty().get().detail()).isEqualTo("Error code: unavailable");
    }

    @Test
    void searchFiltersByNameOrDescriptionAndIsOfferedOnlyForManyTools() {
        tools.show(engine.servers());
        assertThat(tools.searchUseful().get()).isFalse();

        tools.searchProperty().set("REMEMBERS");
        assertThat(tools.visibleCards()).extracting(ToolCard::shortName).containsExactly("memory");
        tools.searchProperty().set("");
        assertThat(tools.visibleCards()).hasSize(4);
    }

    @Test
    void copyConnectionForOneToolOrAllToolsThatAreOn() {
        tools.show(engine.servers());
        tools.setOn("everything", true);
        var clipboard = new ArrayList<String>();

        tools.copyConnection("everything", clipboard::add);
        tools.copyConnection(null, clipboard::add);

        // the mcpServers block AI apps read from their settings
        JsonNode one = Json.mapper().readTree(clipboard.getFirst()).get("mcpServers");
        assertThat(one.propertyNames()).containsExactly("everything");
        assertThat(one.get("everything").get("type").asString()).isEqualTo("http");
        assertThat(one.get("everything").get("url").asString())
                .isEqualTo(InMemoryEngineControl.GATEWAY + "/mcp/everything");
        assertThat(one.get("everything").get("headers").get("Authorization").asString())
                .isEqualTo("Bearer tok-desktop-1");
        // all tools: one entry, the gateway's address for all of them
        JsonNode all = Json.mapper().readTree(clipboard.get(1)).get("mcpServers");
        assertThat(all.propertyNames()).containsExactly("airlock");
        assertThat(all.get("airlock").get("url").asString()).isEqualTo(InMemoryEngineControl.GATEWAY + "/mcp");
        assertThat(all.get("airlock").get("headers").get("Authorization").asString())
                .isEqualTo("Bearer tok-desktop-2");
        assertThat(tools.messageProperty().get()).isEqualTo("Copied. Paste it into your AI app's MCP server settings.");
    }

    private ToolCard card(String name) {
        return tools.cards().stream()
                .filter(c -> c.shortName().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
