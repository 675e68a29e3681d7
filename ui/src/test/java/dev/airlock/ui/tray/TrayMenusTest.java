package dev.airlock.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.CompanyView;
import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import dev.airlock.runtime.control.UserView;
import dev.airlock.ui.tray.TrayMenuItem.Action;
import dev.airlock.ui.tray.TrayMenuItem.Label;
import dev.airlock.ui.tray.TrayMenuItem.Separator;
import dev.airlock.ui.tray.TrayMenuItem.Submenu;
import dev.airlock.ui.tray.TrayMenuItem.Toggle;
import java.util.List;
import java.util.ResourceBundle;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tray menu as a person reads it, for every state of the engine. */
class TrayMenusTest {

    static final CompanyView ACME = new CompanyView("Acme", "https://registry.acme.example", "fresh", null, null);
    static final UserView ADA = new UserView("Ada Lovelace", "ada@acme.example", List.of("engineering"));

    private final TrayMenus menus = new TrayMenus(ResourceBundle.getBundle("dev.airlock.ui.strings"));

    static ServerView server(String shortName, String title, String state) {
        return new ServerView(
                "io.github.acme/" + shortName,
                shortName,
                title,
                "A tool",
                "1.0.0",
                state,
                null,
                null,
                null,
                null,
                null);
    }

    static EngineStatus status(UserView user, ServerView... servers) {
        return statusAt(ACME, user, servers);
    }

    static EngineStatus statusAt(CompanyView company, UserView user, ServerView... servers) {
        return new EngineStatus(
                "1.0", "/state", "http://127.0.0.1:47200/mcp", "Docker", company, user, List.of(servers), List.of());
    }

    private static Label statusLine(TrayMenu menu) {
        return (Label) menu.items().getFirst();
    }

    private static List<Toggle> toggles(TrayMenu menu) {
        return menu.items().stream()
                .flatMap(item -> item instanceof Submenu(String label, List<TrayMenuItem> items)
                        ? items.stream()
                        : java.util.stream.Stream.of(item))
                .filter(Toggle.class::isInstance)
                .map(Toggle.class::cast)
                .toList();
    }

    private static Action action(TrayMenu menu, String id) {
        return menu.items().stream()
                .filter(Action.class::isInstance)
                .map(Action.class::cast)
                .filter(action -> action.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no action " + id + " in " + menu.items()));
    }

    @Test
    void signedInWithToolsOnTheMenuReadsTopToBottom() {
        TrayMenu menu = menus.build(
                status(
                        ADA,
                        server("github", "GitHub", "running"),
                        server("memory", null, "off"),
                        server("weather", "Weather", "starting")),
                false);

        assertThat(menu.items())
                .containsExactly(
                        new Label("Signed in as Ada Lovelace · 2 tools on"),
                        new Separator(),
                        new Toggle("server:github", "GitHub", true, true),
                        new Toggle("server:memory", "memory", false, true),
                        new Toggle("server:weather", "Weather (starting…)", true, true),
                        new Separator(),
                        new Action("open", "Open Airlock", true),
                        new Action("activity", "Activity", true),
                        new Action("pause", "Pause all", true),
                        new Separator(),
                        new Action("quit", "Quit Airlock", true));
        assertThat(menu.icon()).isEqualTo(TrayIconState.RUNNING);
        assertThat(menu.tooltip()).isEqualTo("Airlock: 2 tools on");
    }

    @Test
    void oneToolOnIsSingular() {
        TrayMenu menu = menus.build(status(ADA, server("github", "GitHub", "running")), false);

        assertThat(statusLine(menu).text()).isEqualTo("Signed in as Ada Lovelace · 1 tool on");
        assertThat(menu.tooltip()).isEqualTo("Airlock: 1 tool on");
    }

    @Test
    void signedInWithNothingOnIsIdleAndCannotPause() {
        TrayMenu menu = menus.build(status(ADA, server("github", "GitHub", "off")), false);

        assertThat(statusLine(menu).text()).isEqualTo("Signed in as Ada Lovelace · no tools on");
        assertThat(menu.icon()).isEqualTo(TrayIconState.IDLE);
        assertThat(menu.tooltip()).isEqualTo("Airlock: no tools on");
        assertThat(action(menu, TrayMenus.PAUSE).enabled()).isFalse();
    }

    @Test
    void aUserWithoutANameIsShownByEmailOrNotAtAll() {
        var byEmail = new UserView(null, "ada@acme.example", List.of());
        var nameless = new UserView(" ", null, List.of());

        assertThat(statusLine(menus.build(status(byEmail), false)).text())
                .isEqualTo("Signed in as ada@acme.example · no tools on");
        assertThat(statusLine(menus.build(status(nameless), false)).text()).isEqualTo("Signed in · no tools on");
    }

    @Test
    void signedOutShowsAGreyIconAndSwitchesThatCannotBeUsed() {
        TrayMenu menu = menus.build(status(null, server("github", "GitHub", "off")), false);

        assertThat(statusLine(menu).text()).isEqualTo("Not signed in");
        assertThat(menu.icon()).isEqualTo(TrayIconState.SIGNED_OUT);
        assertThat(menu.tooltip()).isEqualTo("Airlock: not signed in");
        assertThat(toggles(menu)).extracting(Toggle::enabled).containsExactly(false);
        assertThat(action(menu, TrayMenus.OPEN).enabled()).isTrue();
        assertThat(action(menu, TrayMenus.QUIT).enabled()).isTrue();
        assertThat(action(menu, TrayMenus.PAUSE).enabled()).isFalse();
    }

    @Test
    void beforeAnyCompanyIsSetUpNobodyIsSignedIn() {
        TrayMenu menu = menus.build(statusAt(null, null), false);

        assertThat(statusLine(menu).text()).isEqualTo("Not signed in");
        assertThat(menu.icon()).isEqualTo(TrayIconState.SIGNED_OUT);
        assertThat(toggles(menu)).isEmpty();
        assertThat(menu.items().get(1)).isEqualTo(new Separator());
        assertThat(menu.items().get(2)).isEqualTo(new Action("open", "Open Airlock", true));
    }

    @Test
    void aCatalogFromAFileNeedsNoSignIn() {
        TrayMenu menu = menus.build(statusAt(null, null, server("memory", "Memory", "running")), false);

        assertThat(statusLine(menu).text()).isEqualTo("1 tool on");
        assertThat(menu.icon()).isEqualTo(TrayIconState.RUNNING);
        assertThat(toggles(menu)).containsExactly(new Toggle("server:memory", "Memory", true, true));
    }

    @Test
    void aFailedToolTurnsTheIconAmberAndNamesIt() {
        TrayMenu menu = menus.build(
                status(ADA, server("github", "GitHub", "running"), server("jira", "Jira", "failed")), false);

        assertThat(menu.icon()).isEqualTo(TrayIconState.WARNING);
        assertThat(statusLine(menu).text()).isEqualTo("Needs attention: Jira");
        assertThat(menu.tooltip()).isEqualTo("Airlock: 1 tool needs attention");
        // a failed tool is off, and clicking it tries again
        assertThat(toggles(menu)).contains(new Toggle("server:jira", "Jira (did not start)", false, true));
    }

    @Test
    void aToolWaitingForASecretIsOnButNeedsAttention() {
        TrayMenu menu = menus.build(
                status(ADA, server("github", "GitHub", "needs-secret"), server("jira", "Jira", "failed")), false);

        assertThat(menu.icon()).isEqualTo(TrayIconState.WARNING);
        assertThat(statusLine(menu).text()).isEqualTo("Needs attention: GitHub, Jira");
        assertThat(menu.tooltip()).isEqualTo("Airlock: 2 tools need attention");
        assertThat(toggles(menu))
                .contains(new Toggle("server:github", "GitHub (needs a password or token)", true, true));
        assertThat(action(menu, TrayMenus.PAUSE).enabled()).isTrue();
    }

    @Test
    void signedOutOutranksAttention() {
        TrayMenu menu = menus.build(status(null, server("jira", "Jira", "failed")), false);

        assertThat(menu.icon()).isEqualTo(TrayIconState.SIGNED_OUT);
    }

    @Test
    void anUnavailableToolCannotBeSwitchedOn() {
        TrayMenu menu = menus.build(status(ADA, server("weather", "Weather", "unavailable")), false);

        assertThat(toggles(menu))
                .containsExactly(new Toggle("server:weather", "Weather (not available)", false, false));
        assertThat(menu.icon()).isEqualTo(TrayIconState.IDLE);
    }

    @Test
    void pausedOffersResumeInsteadOfPauseAll() {
        TrayMenu menu = menus.build(status(ADA, server("github", "GitHub", "off")), true);

        assertThat(action(menu, TrayMenus.RESUME)).isEqualTo(new Action("resume", "Resume", true));
        assertThat(menu.items())
                .noneMatch(item -> item instanceof Action action && action.id().equals("pause"));
        assertThat(menu.tooltip()).isEqualTo("Airlock: tools paused");
    }

    @Test
    void manyToolsGoIntoASubmenu() {
        ServerView[] many = IntStream.rangeClosed(1, TrayMenus.MOST_TOOLS_INLINE + 1)
                .mapToObj(i -> server("tool" + i, "Tool " + i, "off"))
                .toArray(ServerView[]::new);

        TrayMenu menu = menus.build(status(ADA, many), false);

        assertThat(menu.items().get(2)).isInstanceOfSatisfying(Submenu.class, submenu -> {
            assertThat(submenu.label()).isEqualTo("Tools");
            assertThat(submenu.items()).hasSize(TrayMenus.MOST_TOOLS_INLINE + 1);
        });
        assertThat(menu.items().get(3)).isEqualTo(new Separator());
    }

    @Test
    void exactlyAsManyToolsAsFitStayInline() {
        ServerView[] fit = IntStream.rangeClosed(1, TrayMenus.MOST_TOOLS_INLINE)
                .mapToObj(i -> server("tool" + i, "Tool " + i, "off"))
                .toArray(ServerView[]::new);

        assertThat(menus.build(status(ADA, fit), false).items()).noneMatch(Submenu.class::isInstance);
    }

    @Test
    void longLabelsAreCutToOneMenuLine() {
        String longTitle = "A".repeat(100);

        Toggle toggle = toggles(menus.build(status(ADA, server("long", longTitle, "off")), false))
                .getFirst();

        assertThat(toggle.label()).hasSize(TrayMenus.MAX_LABEL).endsWith("…");
    }

    @Test
    void startingAndProblemMenusOfferOpenAndQuit() {
        TrayMenu starting = menus.starting();
        TrayMenu problem = menus.problem();

        assertThat(statusLine(starting).text()).isEqualTo("Airlock is starting…");
        assertThat(starting.icon()).isEqualTo(TrayIconState.SIGNED_OUT);
        assertThat(statusLine(problem).text()).isEqualTo("Airlock could not start");
        assertThat(problem.icon()).isEqualTo(TrayIconState.WARNING);
        for (TrayMenu menu : List.of(starting, problem)) {
            assertThat(menu.items())
                    .filteredOn(Action.class::isInstance)
                    .extracting(item -> ((Action) item).id())
                    .containsExactly("open", "quit");
        }
    }

    @Test
    void switchIdsNameTheTool() {
        assertThat(TrayMenus.serverAction("github")).isEqualTo("server:github");
        assertThat(TrayMenus.serverOf("server:github")).contains("github");
        assertThat(TrayMenus.serverOf("server:")).isEmpty();
        assertThat(TrayMenus.serverOf("open")).isEmpty();
    }

    @Test
    void everyIconStateHasItsOwnIcon() {
        assertThat(List.of(TrayIconState.values()))
                .extracting(TrayIconState::variant)
                .doesNotHaveDuplicates()
                .hasSize(4);
    }
}
