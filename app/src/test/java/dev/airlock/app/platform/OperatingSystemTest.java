package dev.airlock.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class OperatingSystemTest {

    @Test
    void osNamesAsTheJdkGivesThem() {
        assertThat(OperatingSystem.of("Linux")).isEqualTo(OperatingSystem.LINUX);
        assertThat(OperatingSystem.of("Mac OS X")).isEqualTo(OperatingSystem.MAC);
        assertThat(OperatingSystem.of("Windows 11")).isEqualTo(OperatingSystem.WINDOWS);
        assertThat(OperatingSystem.of("Windows Server 2022")).isEqualTo(OperatingSystem.WINDOWS);
        assertThat(OperatingSystem.of("FreeBSD")).isEqualTo(OperatingSystem.OTHER);
        assertThat(OperatingSystem.of("")).isEqualTo(OperatingSystem.OTHER);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theSystemRunnerReturnsExitCodeAndOutput() throws IOException {
        var result = CommandRunner.system().run(List.of("sh", "-c", "echo 'prefer-dark'; exit 3"));

        assertThat(result).isEqualTo(new CommandRunner.Result(3, "prefer-dark\n"));
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aHangingToolIsStoppedInTime() {
        var runner = new ProcessCommandRunner(java.time.Duration.ofMillis(300));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run(List.of("sleep", "30")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not finish");
    }

    @Test
    void aMissingToolIsAnIOException() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CommandRunner.system().run(List.of("airlock-no-such-tool-here")))
                .isInstanceOf(IOException.class);
    }
}
