package dev.airlock.runtime.engine;

import dev.airlock.runtime.auth.Browser;
import dev.airlock.runtime.auth.SystemBrowser;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.company.CompanySetup;
import dev.airlock.runtime.container.NpmImageBuilder;
import dev.airlock.runtime.gateway.InspectionSetup;
import dev.airlock.runtime.secrets.MemorySecretStore;
import dev.airlock.runtime.secrets.SecretStore;
import dev.airlock.runtime.settings.SettingsStore;
import dev.airlock.runtime.state.StateDirectory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How an engine runs.
 *
 * @param catalog a fixed catalog (a registry file, tests); empty when the company's registry supplies it
 * @param company the user's company, when one is set up; its registry then supplies the catalog
 * @param gatewayPort the gateway's port on 127.0.0.1; 0 picks a free one
 * @param environment where {@code DOCKER_HOST} and the like are read from
 * @param readyTimeout how long a server may take to answer {@code initialize}
 * @param npmBuild how servers published on npm are built into images
 * @param secrets where the refresh token and the catalog cache's key are kept
 * @param browser how sign-in opens the company's sign-in page
 * @param settings where a company set up on first run is saved; empty when settings are fixed
 * @param inspection the company's inspection defaults and rule file, from its managed settings
 */
public record EngineOptions(
        Catalog catalog,
        Optional<CompanySetup> company,
        StateDirectory stateDirectory,
        int gatewayPort,
        Map<String, String> environment,
        Duration readyTimeout,
        NpmImageBuilder.Settings npmBuild,
        SecretStore secrets,
        Browser browser,
        Optional<SettingsStore> settings,
        InspectionSetup inspection) {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);

    /** npm servers are built on this Node image when IT names none (setting {@code images.nodeBase}). */
    public static final String DEFAULT_NODE_BASE = "node:22-bookworm-slim";

    public static final NpmImageBuilder.Settings DEFAULT_NPM_BUILD =
            new NpmImageBuilder.Settings(DEFAULT_NODE_BASE, Optional.empty());

    public EngineOptions {
        environment = Map.copyOf(environment);
    }

    /** Options with Airlock's own inspection defaults and rules. */
    public EngineOptions(
            Catalog catalog,
            Optional<CompanySetup> company,
            StateDirectory stateDirectory,
            int gatewayPort,
            Map<String, String> environment,
            Duration readyTimeout,
            NpmImageBuilder.Settings npmBuild,
            SecretStore secrets,
            Browser browser,
            Optional<SettingsStore> settings) {
        this(
                catalog,
                company,
                stateDirectory,
                gatewayPort,
                environment,
                readyTimeout,
                npmBuild,
                secrets,
                browser,
                settings,
                InspectionSetup.NONE);
    }

    /** A fixed catalog, with the defaults for everything else: what tests and registry files use. */
    public static EngineOptions of(Catalog catalog, StateDirectory dir, int gatewayPort, Map<String, String> env) {
        return new EngineOptions(
                catalog,
                Optional.empty(),
                dir,
                gatewayPort,
                env,
                DEFAULT_READY_TIMEOUT,
                DEFAULT_NPM_BUILD,
                new MemorySecretStore(),
                new SystemBrowser(),
                Optional.empty());
    }

    /** These options with the company's inspection setup. */
    public EngineOptions withInspection(InspectionSetup setup) {
        return new EngineOptions(
                catalog,
                company,
                stateDirectory,
                gatewayPort,
                environment,
                readyTimeout,
                npmBuild,
                secrets,
                browser,
                settings,
                setup);
    }

    public EngineOptions withNpmBuild(NpmImageBuilder.Settings npm) {
        return new EngineOptions(
                catalog,
                company,
                stateDirectory,
                gatewayPort,
                environment,
                readyTimeout,
                npm,
                secrets,
                browser,
                settings,
                inspection);
    }
}
