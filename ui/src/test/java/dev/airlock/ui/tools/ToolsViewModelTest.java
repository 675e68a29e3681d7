package dev.airlock.ui.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.airlock.runtime.control.ControlException;
import dev.airlock.runtime.control.HiddenToolView;
import dev.airlock.runtime.control.InMemoryEngineControl;
import dev.airlock.runtime.control.ToolReviewView;
import dev.airlock.runtime.json.Json;
import dev.airlock.ui.common.Background;
import java.util.ArrayList;
import java.util.List;
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
    void aChangedToolIsShownOnItsCardAndAllowingItTakesItOff() throws ControlException {
        tools.show(engine.servers());
        tools.setOn("everything", true);
        engine.toolReview("everything", HIDDEN_LOOKUP);
        tools.show(engine.servers());

        ToolCard card = card("everything");
        assertThat(card.hiddenToShow())
                .extracting(HiddenToolView::tool, HiddenToolView::approvable)
                .containsExactly(tuple("lookup", true), tuple("admin", false));
        assertThat(card.review().warnings()).containsExactly(LOOKUP_WARNING);

        tools.approveTool("everything", "lookup");

        assertThat(card("everything").hiddenToShow())
                .extracting(HiddenToolView::tool)
                .containsExactly("admin");
        assertThat(card("everything").review().visible()).contains("lookup");
        assertThat(tools.messageProperty().get()).isEqualTo("AI apps can use lookup of Everything again.");
        assertThat(tools.problemProperty().get()).isNull();
    }

    @Test
    void whatTheCompanyDecidedCannotBeAllowedFromTheCard() throws ControlException {
        tools.show(engine.servers());
        tools.setOn("everything", true);
        engine.toolReview("everything", HIDDEN_LOOKUP);

        tools.approveTool("everything", "admin");

        assertThat(tools.problemProperty().get().sentence())
                .contains("no tool named 'admin' waiting for your approval");
    }

    @Test
    void aToolTurnedOffShowsNothingOfItsLastReview() throws ControlException {
        tools.show(engine.servers());
        tools.setOn("everything", true);
        engine.toolReview("everything", HIDDEN_LOOKUP);
        tools.setOn("everything", false);

        assertThat(card("everything").hiddenToShow()).isEmpty();
        assertThat(card("everything").review().warnings()).isEmpty();
    }

    static final String LOOKUP_WARNING = "The tool 'lookup' of Everything mentions the key or password file"
            + " \"~/.ssh\" in its description: a tool should not need it.";

    /** lookup changed (the user may allow it), admin is not the version the company pinned, notes is not allowed. */
    static final ToolReviewView HIDDEN_LOOKUP = new ToolReviewView(
            true,
            List.of("echo"),
            List.of(
                    new HiddenToolView(
                            "lookup",
                            "changed",
                            "The tool 'lookup' of Everything changed its description since you last used it."
                                    + " Airlock hid it until you approve the change.",
                            true,
                            "sha256:" + "a".repeat(64)),
                    new HiddenToolView(
                            "admin",
                            "not-pinned",
                            "The tool 'admin' of Everything is not the version your company approved, so Airlock hid"
                                    + " it. Your IT team can approve the new version.",
                            false,
                            "sha256:" + "b".repeat(64)),
                    new HiddenToolView(
                            "notes",
                            "not-allowed",
                            "Your company does not allow the tool 'notes' of Everything.",
                            false,
                            "sha256:" + "c".repeat(64))),
            List.of(LOOKUP_WARNING),
            null);

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
