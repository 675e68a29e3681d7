package dev.airlock.runtime.auth;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens pages with the operating system's own launcher, through {@link ProcessBuilder}: the runtime
 * must not touch {@code java.awt} (so no {@code Desktop.browse}). On Linux and other Unix systems the
 * commands in {@code $BROWSER} come first (a {@code :}-separated list; {@code %s} stands for the
 * address, else it is appended), then {@code xdg-open}; macOS uses {@code open}, Windows
 * {@code rundll32 url.dll,FileProtocolHandler}.
 */
public final class SystemBrowser implements Browser {

    private static final Logger LOG = LoggerFactory.getLogger(SystemBrowser.class);
    // launchers such as xdg-open give up within moments when no browser is configured; a browser
    // started directly keeps running, which counts as success once this window has passed
    private static final Duration FAIL_FAST_WINDOW = Duration.ofSeconds(3);

    /** Starts one command; true when it took the address (did not fail at once). */
    @FunctionalInterface
    interface Launcher {
        boolean launch(List<String> command) throws IOException, InterruptedException;
    }

    private final String osName;
    private final Map<String, String> environment;
    private final Launcher launcher;

    public SystemBrowser() {
        this(System.getProperty("os.name", ""), System.getenv(), SystemBrowser::launch);
    }

    SystemBrowser(String osName, Map<String, String> environment, Launcher launcher) {
        this.osName = osName.toLowerCase(Locale.ROOT);
        this.environment = Map.copyOf(environment);
        this.launcher = launcher;
    }

    @Override
    public void open(URI address) throws BrowserException {
        String scheme = address.getScheme() == null ? "" : address.getScheme().toLowerCase(Locale.ROOT);
        // the address comes from the provider's metadata: never let it make us launch a file or app
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new BrowserException("Airlock opens only web addresses in the browser, not '" + scheme + ":' ones.");
        }
        var tried = new ArrayList<String>();
        for (List<String> command : commands(address)) {
            // the address is an argument, never a shell word, and is not logged (it may hold a token hint)
            String program = command.getFirst();
            tried.add(program);
            try {
                if (launcher.launch(command)) {
                    LOG.debug("Opened the browser with {}", program);
                    return;
                }
                LOG.info("{} could not open the browser", program);
            } catch (IOException e) {
                LOG.info("Could not start {}: {}", program, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrowserException("Opening the browser was interrupted.");
            }
        }
        throw new BrowserException("No web browser could be started (tried " + String.join(", ", tried) + ").");
    }

    /** The commands to try for this operating system and environment, best first. */
    List<List<String>> commands(URI address) {
        String url = address.toASCIIString();
        if (osName.startsWith("windows")) {
            return List.of(List.of("rundll32", "url.dll,FileProtocolHandler", url));
        }
        if (osName.startsWith("mac")) {
            return List.of(List.of("open", url));
        }
        var commands = new ArrayList<List<String>>();
        String browserVariable = environment.get("BROWSER");
        if (browserVariable != null) {
            for (String entry : browserVariable.split(":")) {
                List<String> command = fromBrowserVariable(entry, url);
                if (!command.isEmpty()) {
                    commands.add(command);
                }
            }
        }
        commands.add(List.of("xdg-open", url));
        return commands;
    }

    private static List<String> fromBrowserVariable(String entry, String url) {
        String trimmed = entry.strip();
        if (trimmed.isEmpty()) {
            return List.of();
        }
        List<String> words = Arrays.asList(trimmed.split("\\s+"));
        boolean placeholder = words.stream().anyMatch(w -> w.contains("%s"));
        var command = new ArrayList<String>();
        for (String word : words) {
            // %s is the address and %% a literal percent sign, as in the BROWSER convention
            command.add(word.replace("%%", "\u0000").replace("%s", url).replace("\u0000", "%"));
        }
        if (!placeholder) {
            command.add(url);
        }
        return List.copyOf(command);
    }

    static boolean launch(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (process.waitFor(FAIL_FAST_WINDOW.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue() == 0;
        }
        return true;
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
