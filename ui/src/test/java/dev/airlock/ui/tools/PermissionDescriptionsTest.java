package dev.airlock.ui.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.runtime.control.PermissionsView;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Each shape a permission profile can take, said the way an employee understands it. */
class PermissionDescriptionsTest {

    private final PermissionDescriptions descriptions =
            new PermissionDescriptions(ResourceBundle.getBundle("dev.airlock.ui.strings"));

    @Test
    void nothingAtAll() {
        assertThat(descriptions.describe(PermissionsView.NONE))
                .containsExactly("No internet access", "Cannot see your files");
    }

    @Test
    void aRemoteServerRunsElsewhereAndSeesNoFiles() {
        assertThat(descriptions.describe(PermissionsView.remote("mcp.example.com")))
                .containsExactly("Runs on mcp.example.com, not on your computer", "Cannot see your files");
    }

    @Test
    void oneHost() {
        assertThat(describe(false, List.of("api.github.com"), List.of(), List.of(), List.of()))
                .containsExactly("Can connect to api.github.com", "Cannot see your files");
    }

    @Test
    void hostsWithPorts() {
        assertThat(describe(false, List.of("api.github.com"), List.of(443), List.of(), List.of())
                        .getFirst())
                .isEqualTo("Can connect to api.github.com (port 443)");
        assertThat(describe(
                                false,
                                List.of("a.example", "b.example", "c.example"),
                                List.of(80, 443),
                                List.of(),
                                List.of())
                        .getFirst())
                .isEqualTo("Can connect to a.example, b.example and c.example (ports 80, 443)");
    }

    @Test
    void anyAddress() {
        assertThat(describe(true, List.of(), List.of(), List.of(), List.of()).getFirst())
                .isEqualTo("Can connect to any internet address");
    }

    @Test
    void foldersToReadAndChangeReadAsFoldersNotPaths() {
        String home = System.getProperty("user.home");
        assertThat(describe(
                        false, List.of(), List.of(), List.of("~/Documents/Reports"), List.of(home + "/Projects/site")))
                .containsExactly(
                        "No internet access",
                        "Can read files in Documents/Reports",
                        "Can change files in Projects/site");
    }

    private List<String> describe(
            boolean any, List<String> hosts, List<Integer> ports, List<String> read, List<String> write) {
        return descriptions.describe(new PermissionsView(any, hosts, ports, read, write, null));
    }
}
