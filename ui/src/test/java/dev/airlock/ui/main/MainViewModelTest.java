package dev.airlock.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.EngineStatus;
import dev.airlock.runtime.control.ServerView;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class MainViewModelTest {

    private final MainViewModel model = new MainViewModel(ResourceBundle.getBundle("dev.airlock.ui.strings"));

    @Test
    void startsOutSayingItIsStarting() {
        assertThat(model.headlineProperty().get()).isEqualTo("Airlock is starting…");
    }

    @Test
    void withoutACompanyItSaysWhatHappensNext() {
        model.show(status(List.of()));

        assertThat(model.headlineProperty().get()).isEqualTo("Airlock is running");
        assertThat(model.detailProperty().get()).startsWith("Your company has not set up Airlock");
        assertThat(model.servers()).isEmpty();
    }

    @Test
    void listsServersWithTheirStateInPlainWords() {
        model.show(status(
                List.of(server("Weather", "running"), server("Files", "failed"), server("Memory", "unavailable"))));

        assertThat(model.servers())
                .containsExactly("Weather — On", "Files — Needs attention", "Memory — Not available");
    }

    @Test
    void aProblemReplacesTheListWithTheReason() {
        model.show(status(List.of(server("Weather", "off"))));
        model.showProblem("Port 47200 is already in use.");

        assertThat(model.headlineProperty().get()).isEqualTo("Airlock could not start");
        assertThat(model.detailProperty().get()).isEqualTo("Port 47200 is already in use.");
        assertThat(model.servers()).isEmpty();
    }

    private static EngineStatus status(List<ServerView> servers) {
        return new EngineStatus("dev", "/tmp/state", "http://127.0.0.1:47200", "Docker", null, null, servers);
    }

    private static ServerView server(String title, String state) {
        return new ServerView("io.example/" + title, title.toLowerCase(), title, "", "1.0", state, null, null);
    }
}
