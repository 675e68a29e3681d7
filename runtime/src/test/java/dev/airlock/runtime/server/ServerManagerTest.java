package dev.airlock.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.catalog.PackageLaunch.PackageType;
import dev.airlock.runtime.catalog.RemoteEndpoint;
import dev.airlock.runtime.catalog.ServerPolicy;
import dev.airlock.runtime.container.EngineConnection;
import dev.airlock.runtime.container.InstanceIdentity;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the manager offers before any container runs: which entries can be turned on, and why not. */
class ServerManagerTest {

    @TempDir
    Path stateDir;

    @Test
    void entriesThisVersionCannotRunAreUnavailableWithTheReasonAndCannotBeTurnedOn() throws Exception {
        var manager = manager(List.of(
                entry("image", oci(List.of())),
                entry(
                        "npm",
                        Optional.of(new PackageLaunch(
                                PackageType.NPM, "@acme/x", "1.0.0", List.of(), List.of(), List.of()))),
                remoteOnly("remote"),
                entry("secret", oci(List.of(new EnvironmentVariable("GITHUB_TOKEN", "Your token", true, true, null)))),
                entry("setting", oci(List.of(new EnvironmentVariable("REGION", "Region", true, false, null)))),
                entry("defaulted", oci(List.of(new EnvironmentVariable("REGION", "Region", true, false, "eu")))),
                broken("broken")));

        assertThat(manager.states())
                .extracting(e -> e.getKey().shortName(), e -> e.getValue().label())
                .containsExactly(
                        tuple("image", "off"),
                        tuple("npm", "off"),
                        // a remote-only entry is connected to (RemoteEverythingIT)
                        tuple("remote", "off"),
                        // a required secret is asked for when it is turned on (ServerSecretsTest)
                        tuple("secret", "off"),
                        tuple("setting", "unavailable"),
                        tuple("defaulted", "off"),
                        tuple("broken", "unavailable"));
        assertThat(manager.state("setting").orElseThrow().detail())
                .isEqualTo("This server needs a setting (REGION) that Airlock cannot ask for yet.");
        assertThat(manager.state("broken").orElseThrow().detail()).isEqualTo("The registry entry is invalid.");

        // turning one on changes nothing and starts nothing
        assertThat(manager.enable("setting")).isInstanceOf(ServerState.Unavailable.class);
        assertThat(manager.disable("setting")).isInstanceOf(ServerState.Unavailable.class);
    }

    @Test
    void aRemoteServerThatNeedsTheUsersIdentityDoesNotStartWhileNoOneIsSignedIn() throws Exception {
        var manager = manager(List.of(remoteOnly("remote")));

        assertThat(manager.enable("remote"))
                .isEqualTo(new ServerState.Failed("Sign in to your company to use this server."));
    }

    @Test
    void aNewCatalogAddsNewEntriesDropsMissingOnesAndKeepsUnchangedOnes() throws Exception {
        var manager =
                manager(List.of(entry("kept", oci(List.of())), entry("dropped", oci(List.of())), remoteOnly("remote")));
        var changes = new java.util.ArrayList<ServerManager.StateChange>();
        manager.addStateListener(changes::add);

        manager.replaceCatalog(
                new Catalog(List.of(entry("kept", oci(List.of())), entry("added", oci(List.of())), broken("remote"))));

        assertThat(manager.states())
                .extracting(e -> e.getKey().shortName(), e -> e.getValue().label())
                .containsExactly(tuple("kept", "off"), tuple("added", "off"), tuple("remote", "unavailable"));
        assertThat(manager.state("dropped")).isEmpty();
        assertThat(manager.state("remote").orElseThrow().detail()).isEqualTo("The registry entry is invalid.");
        // the dropped and the changed entry were reported as off; the unchanged one was left alone
        assertThat(changes)
                .extracting(ServerManager.StateChange::server)
                .containsExactlyInAnyOrder("dropped", "remote");
    }

    @Test
    void unknownNamesAreRefusedWithAHint() {
        var manager = manager(List.of(entry("image", oci(List.of()))));

        assertThatThrownBy(() -> manager.enable("nope"))
                .isInstanceOf(UnknownServerException.class)
                .hasMessage("There is no server named 'nope' in your catalog. Run `airlock servers` to see the names.");
        assertThat(manager.state("nope")).isEmpty();
    }

    private ServerManager manager(List<CatalogEntry> entries) {
        var dir = StateDirectory.at(stateDir).create();
        // no engine is reached: nothing here starts a container
        var engines = new EngineConnection(
                Map.of("DOCKER_HOST", "unix:///nonexistent.sock"), InstanceIdentity.newInstance(stateDir));
        return new ServerManager(
                new Catalog(entries), engines, dir, Duration.ofSeconds(5), EngineOptions.DEFAULT_NPM_BUILD);
    }

    private static Optional<PackageLaunch> oci(List<EnvironmentVariable> env) {
        return Optional.of(new PackageLaunch(PackageType.OCI, "local/x:1", null, List.of(), List.of(), env));
    }

    private static CatalogEntry entry(String name, Optional<PackageLaunch> launch) {
        return entry(name, launch, List.of(), Availability.available());
    }

    private static CatalogEntry remoteOnly(String name) {
        var remote = new RemoteEndpoint(RemoteEndpoint.Transport.STREAMABLE_HTTP, "https://mcp.example.com/mcp");
        return entry(name, Optional.empty(), List.of(remote), Availability.available());
    }

    private static CatalogEntry broken(String name) {
        return entry(name, Optional.empty(), List.of(), Availability.unavailable("The registry entry is invalid."));
    }

    private static CatalogEntry entry(
            String name, Optional<PackageLaunch> launch, List<RemoteEndpoint> remotes, Availability availability) {
        return new CatalogEntry(
                "io.example/" + name,
                name,
                name,
                "",
                "1.0.0",
                launch,
                remotes,
                ServerPolicy.DEFAULT,
                Optional.empty(),
                availability);
    }
}
