package dev.airlock.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemBrowserTest {

    private static final URI PAGE = URI.create("https://login.example.com/authorize?client_id=a&state=b");

    @Test
    void linuxUsesXdgOpen() {
        var browser = new SystemBrowser("Linux", Map.of(), command -> true);
        assertThat(browser.commands(PAGE)).containsExactly(List.of("xdg-open", PAGE.toString()));
    }

    @Test
    void linuxTriesTheBrowserVariableFirst() {
        var browser =
                new SystemBrowser("Linux", Map.of("BROWSER", "firefox --new-tab:chromium %s --incognito"), c -> true);
        assertThat(browser.commands(PAGE))
                .containsExactly(
                        List.of("firefox", "--new-tab", PAGE.toString()),
                        List.of("chromium", PAGE.toString(), "--incognito"),
                        List.of("xdg-open", PAGE.toString()));
    }

    @Test
    void macAndWindowsUseTheirOwnLaunchers() {
        assertThat(new SystemBrowser("Mac OS X", Map.of("BROWSER", "lynx"), c -> true).commands(PAGE))
                .containsExactly(List.of("open", PAGE.toString()));
        assertThat(new SystemBrowser("Windows 11", Map.of(), c -> true).commands(PAGE))
                .containsExactly(List.of("rundll32", "url.dll,FileProtocolHandler", PAGE.toString()));
    }

    @Test
    void movesOnWhenACommandFails() throws Exception {
        var tried = new ArrayList<String>();
        var browser = new SystemBrowser("Linux", Map.of("BROWSER", "missing:broken"), command -> {
            tried.add(command.getFirst());
            return switch (command.getFirst()) {
                case "missing" -> throw new IOException("No such file");
                case "broken" -> false;
                default -> true;
            };
        });

        browser.open(PAGE);

        assertThat(tried).containsExactly("missing", "broken", "xdg-open");
    }

    @Test
    void saysSoWhenNoBrowserStarts() {
        var browser = new SystemBrowser("Linux", Map.of("BROWSER", "firefox"), command -> false);

        assertThatThrownBy(() -> browser.open(PAGE))
                .isInstanceOf(BrowserException.class)
                .hasMessage("No web browser could be started (tried firefox, xdg-open).")
                .message()
                .doesNotContain("state=");
    }

    @Test
    void opensOnlyWebAddresses() {
        var launched = new ArrayList<List<String>>();
        var browser = new SystemBrowser("Linux", Map.of(), command -> launched.add(command));

        assertThatThrownBy(() -> browser.open(URI.create("file:///etc/passwd"))).isInstanceOf(BrowserException.class);
        assertThat(launched).isEmpty();
    }

    @Test
    void startsARealProcessAndPassesTheAddressAsOneArgument(@TempDir Path directory) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        Path received = directory.resolve("received");
        Path script = directory.resolve("browser.sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s' \"$1\" > '" + received + "'\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        // the first command fails at once, as xdg-open does without a configured browser
        var browser = new SystemBrowser("Linux", Map.of("BROWSER", "false:" + script), SystemBrowser::launch);
        URI tricky = URI.create("https://login.example.com/authorize?a=1&b=%20$(touch%20x);c");

        browser.open(tricky);

        assertThat(Files.readString(received)).isEqualTo(tricky.toString());
    }
}
