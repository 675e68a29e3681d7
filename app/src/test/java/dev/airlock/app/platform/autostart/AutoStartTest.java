package dev.airlock.app.platform.autostart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.app.platform.CommandRunner;
import dev.airlock.app.platform.OperatingSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Start at login on each OS, in a temporary home directory (Linux, macOS) or with reg.exe recorded (Windows). */
class AutoStartTest {

    private static final LaunchCommand OPT = new LaunchCommand(Path.of("/opt/airlock/bin/Airlock"), List.of());
    private static final CommandRunner NO_COMMANDS = command -> {
        throw new AssertionError("no command expected: " + command);
    };

    @TempDir
    Path home;

    // ---- Linux

    @Test
    void linuxWritesAnXdgAutostartEntryAndRemovesIt() throws Exception {
        AutoStart autoStart = AutoStarts.choose(OperatingSystem.LINUX, Map.of(), home, Optional.of(OPT), NO_COMMANDS);
        Path entry = home.resolve(".config/autostart/airlock.desktop");
        assertThat(autoStart.isSupported()).isTrue();
        assertThat(autoStart.isEnabled()).isFalse();

        autoStart.enable();

        assertThat(entry).isRegularFile();
        assertThat(autoStart.location()).isEqualTo(entry.toString());
        assertThat(Files.readAllLines(entry))
                .startsWith("[Desktop Entry]")
                .contains("Type=Application", "Name=Airlock", "Exec=/opt/airlock/bin/Airlock", "Terminal=false");
        assertThat(autoStart.isEnabled()).isTrue();

        autoStart.disable();

        assertThat(entry).doesNotExist();
        assertThat(autoStart.isEnabled()).isFalse();
        autoStart.disable(); // nothing there: still fine
    }

    @Test
    void linuxHonoursXdgConfigHome() throws Exception {
        Path config = home.resolve("elsewhere");
        AutoStart autoStart = AutoStarts.choose(
                OperatingSystem.LINUX,
                Map.of("XDG_CONFIG_HOME", config.toString()),
                home,
                Optional.of(OPT),
                NO_COMMANDS);

        autoStart.enable();

        assertThat(config.resolve("autostart/airlock.desktop")).isRegularFile();
        assertThat(home.resolve(".config")).doesNotExist();
    }

    @Test
    void aRelativeOrBlankXdgConfigHomeIsIgnoredAsTheSpecSays() {
        assertThat(XdgAutoStart.configHome(Map.of("XDG_CONFIG_HOME", "relative/dir"), home))
                .isEqualTo(home.resolve(".config"));
        assertThat(XdgAutoStart.configHome(Map.of("XDG_CONFIG_HOME", " "), home))
                .isEqualTo(home.resolve(".config"));
    }

    @Test
    void anEntryTheDesktopSwitchedOffCountsAsOff() throws Exception {
        var autoStart = new XdgAutoStart(home, OPT);
        autoStart.enable();
        Path entry = home.resolve("autostart/airlock.desktop");

        Files.writeString(
                entry,
                Files.readString(entry).replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false"));
        assertThat(autoStart.isEnabled()).isFalse();

        autoStart.enable();
        Files.writeString(entry, Files.readString(entry) + "Hidden=true\n");
        assertThat(autoStart.isEnabled()).isFalse();
    }

    @Test
    void applyFollowsTheSetting() throws Exception {
        var autoStart = new XdgAutoStart(home, OPT);

        autoStart.apply(true);
        assertThat(autoStart.isEnabled()).isTrue();

        autoStart.apply(false);
        assertThat(autoStart.isEnabled()).isFalse();
    }

    @Test
    void turningOnAgainNamesTheLauncherInUseNow() throws Exception {
        new XdgAutoStart(home, OPT).apply(true);

        var moved = new XdgAutoStart(home, new LaunchCommand(Path.of("/usr/lib/airlock/bin/Airlock"), List.of()));
        moved.apply(true);

        assertThat(Files.readString(home.resolve("autostart/airlock.desktop")))
                .contains("Exec=/usr/lib/airlock/bin/Airlock")
                .doesNotContain("/opt/");
    }

    @Test
    void execQuotesWhatTheDesktopEntrySpecAsksToQuote() {
        assertThat(XdgAutoStart.exec("/opt/airlock/bin/Airlock")).isEqualTo("/opt/airlock/bin/Airlock");
        assertThat(XdgAutoStart.exec("/home/ada/My Apps/Airlock")).isEqualTo("\"/home/ada/My Apps/Airlock\"");
        assertThat(XdgAutoStart.exec("/opt/100%/Airlock")).isEqualTo("/opt/100%%/Airlock");
        // a literal $ and a literal \ inside quotes: escaped for the Exec rules, then for the string rules
        assertThat(XdgAutoStart.exec("/opt/$dir/a\\b")).isEqualTo("\"/opt/\\\\$dir/a\\\\\\\\b\"");
    }

    @Test
    void argumentsFollowTheLauncher() {
        var withArgument = new LaunchCommand(Path.of("/opt/airlock/bin/Airlock"), List.of("--hidden", "a b"));

        assertThat(XdgAutoStart.entry(withArgument)).contains("Exec=/opt/airlock/bin/Airlock --hidden \"a b\"\n");
    }

    // ---- macOS

    @Test
    void macWritesALaunchAgentThatRunsAtLoginAndRemovesIt() throws Exception {
        var app = new LaunchCommand(Path.of("/Applications/Airlock & Co.app/Contents/MacOS/Airlock"), List.of());
        AutoStart autoStart = AutoStarts.choose(OperatingSystem.MAC, Map.of(), home, Optional.of(app), NO_COMMANDS);
        Path plist = home.resolve("Library/LaunchAgents/dev.airlock.plist");
        assertThat(autoStart.isEnabled()).isFalse();

        autoStart.enable();

        assertThat(plist).isRegularFile();
        assertThat(autoStart.isEnabled()).isTrue();
        Document document = parse(plist);
        NodeList keys = document.getElementsByTagName("key");
        List<String> keyNames = new ArrayList<>();
        for (int i = 0; i < keys.getLength(); i++) {
            keyNames.add(keys.item(i).getTextContent());
        }
        assertThat(keyNames).contains("Label", "ProgramArguments", "RunAtLoad");
        assertThat(document.getElementsByTagName("string").item(0).getTextContent())
                .isEqualTo("dev.airlock");
        // the path with "&" survives XML escaping
        assertThat(document.getElementsByTagName("array")
                        .item(0)
                        .getTextContent()
                        .strip())
                .isEqualTo("/Applications/Airlock & Co.app/Contents/MacOS/Airlock");
        assertThat(document.getElementsByTagName("true").getLength()).isEqualTo(1);

        autoStart.disable();

        assertThat(plist).doesNotExist();
        assertThat(autoStart.isEnabled()).isFalse();
    }

    private static Document parse(Path plist) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        // the DOCTYPE names Apple's DTD: never fetch it
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(plist.toFile());
    }

    // ---- Windows

    @Test
    void windowsAddsTheRunValueWithTheLauncherInQuotes() throws Exception {
        var exe = new LaunchCommand(Path.of("C:\\Program Files\\Airlock\\Airlock.exe"), List.of());

        assertThat(WindowsRunKeyAutoStart.runValue(exe)).isEqualTo("\"C:\\Program Files\\Airlock\\Airlock.exe\"");
        assertThat(WindowsRunKeyAutoStart.addCommand(exe))
                .containsExactly(
                        "reg",
                        "add",
                        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                        "/v",
                        "Airlock",
                        "/t",
                        "REG_SZ",
                        "/d",
                        "\\\"C:\\Program Files\\Airlock\\Airlock.exe\\\"",
                        "/f");
    }

    @Test
    void theDataArgumentSurvivesTheWindowsCommandLine() {
        // what Java on Windows passes (outer quotes where there are spaces), read back as the C runtime does
        for (String value : List.of(
                "\"C:\\Program Files\\Airlock\\Airlock.exe\"",
                "\"C:\\Airlock\\Airlock.exe\" --hidden",
                "\"C:\\Users\\Ada\\AppData\\Local\\Airlock\\Airlock.exe\" \"two words\"")) {
            String argument = WindowsRunKeyAutoStart.argument(value);
            String commandLine = argument.contains(" ") ? "\"" + argument + "\"" : argument;

            assertThat(CRuntimeArguments.parseOne(commandLine)).as(value).isEqualTo(value);
        }
    }

    @Test
    void windowsRunsRegToAddQueryAndDelete() throws Exception {
        var recorded = new ArrayList<List<String>>();
        var exitCodes = new ArrayList<>(List.of(1, 0, 0, 0, 1));
        CommandRunner reg = command -> {
            recorded.add(command);
            return new CommandRunner.Result(exitCodes.removeFirst(), "");
        };
        AutoStart autoStart = AutoStarts.choose(
                OperatingSystem.WINDOWS,
                Map.of(),
                home,
                Optional.of(new LaunchCommand(Path.of("C:\\Airlock\\Airlock.exe"), List.of())),
                reg);

        assertThat(autoStart.isEnabled()).isFalse(); // query: 1, the value is not there
        autoStart.enable(); // add: 0
        assertThat(autoStart.isEnabled()).isTrue(); // query: 0
        autoStart.disable(); // delete: 0

        assertThat(recorded).extracting(command -> command.get(1)).containsExactly("query", "add", "query", "delete");
        assertThat(recorded.getFirst())
                .containsExactly(
                        "reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run", "/v", "Airlock");
        assertThat(recorded.getLast())
                .containsExactly(
                        "reg",
                        "delete",
                        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run",
                        "/v",
                        "Airlock",
                        "/f");
        assertThat(autoStart.location()).isEqualTo("HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run\\Airlock");
    }

    @Test
    void windowsReportsARefusedChangeInPlainWords() {
        CommandRunner refusing = command -> new CommandRunner.Result(1, "");
        var autoStart = new WindowsRunKeyAutoStart(refusing, new LaunchCommand(Path.of("C:\\A.exe"), List.of()));

        assertThatThrownBy(autoStart::enable)
                .isInstanceOf(AutoStartException.class)
                .hasMessageStartingWith("Airlock could not set itself to start at login");
    }

    @Test
    void deletingAValueThatIsNotThereIsFine() throws Exception {
        var exitCodes = new ArrayList<>(List.of(1, 1)); // delete fails, then query finds nothing
        CommandRunner reg = command -> new CommandRunner.Result(exitCodes.removeFirst(), "");
        var autoStart = new WindowsRunKeyAutoStart(reg, new LaunchCommand(Path.of("C:\\A.exe"), List.of()));

        autoStart.disable();

        assertThat(exitCodes).isEmpty();
    }

    @Test
    void regThatCannotRunIsAnAutoStartException() {
        CommandRunner missing = command -> {
            throw new java.io.IOException("reg: not found");
        };
        var autoStart = new WindowsRunKeyAutoStart(missing, new LaunchCommand(Path.of("C:\\A.exe"), List.of()));

        assertThatThrownBy(autoStart::isEnabled)
                .isInstanceOf(AutoStartException.class)
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    // ---- choosing

    @Test
    void withoutAnInstalledLauncherThereIsNoStartAtLogin() {
        AutoStart none = AutoStarts.choose(OperatingSystem.LINUX, Map.of(), home, Optional.empty(), NO_COMMANDS);

        assertThat(none.isSupported()).isFalse();
        assertThat(((NoAutoStart) none).reason()).contains("AIRLOCK_LAUNCHER");
        assertThatThrownBy(none::enable).isInstanceOf(AutoStartException.class);
    }

    @Test
    void anUnknownSystemHasNoStartAtLoginAndApplyIsHarmless() throws Exception {
        AutoStart none = AutoStarts.choose(OperatingSystem.OTHER, Map.of(), home, Optional.of(OPT), NO_COMMANDS);

        none.apply(true);

        assertThat(none.isSupported()).isFalse();
        assertThat(none.isEnabled()).isFalse();
    }

    @Test
    void theLauncherComesFromThePropertyTheEnvironmentOrJpackage() {
        var jpackage = Map.of(LaunchCommand.JPACKAGE_PROPERTY, "/opt/airlock/bin/Airlock");
        var both = Map.of(
                LaunchCommand.PROPERTY, "/custom/airlock", LaunchCommand.JPACKAGE_PROPERTY, "/opt/airlock/bin/Airlock");

        assertThat(LaunchCommand.installed(Map.of(), jpackage)).contains(OPT);
        assertThat(LaunchCommand.installed(Map.of(LaunchCommand.ENV, "/env/airlock"), jpackage))
                .contains(new LaunchCommand(Path.of("/env/airlock"), List.of()));
        assertThat(LaunchCommand.installed(Map.of(LaunchCommand.ENV, "/env/airlock"), both))
                .contains(new LaunchCommand(Path.of("/custom/airlock"), List.of()));
        assertThat(LaunchCommand.installed(Map.of(LaunchCommand.ENV, " "), Map.of(LaunchCommand.PROPERTY, "")))
                .isEmpty();
    }
}
