package dev.airlock.app.daemon;

import dev.airlock.runtime.auth.OidcSettings;
import dev.airlock.runtime.auth.SystemBrowser;
import dev.airlock.runtime.catalog.Catalog;
import dev.airlock.runtime.catalog.CatalogException;
import dev.airlock.runtime.catalog.RegistryFileReader;
import dev.airlock.runtime.company.CompanySetup;
import dev.airlock.runtime.container.NpmImageBuilder;
import dev.airlock.runtime.demo.DemoCompany;
import dev.airlock.runtime.demo.DemoOrganization;
import dev.airlock.runtime.engine.EngineOptions;
import dev.airlock.runtime.gateway.InspectionSetup;
import dev.airlock.runtime.secrets.SecretStoreChoice;
import dev.airlock.runtime.secrets.SecretStores;
import dev.airlock.runtime.settings.CompanyDiscovery;
import dev.airlock.runtime.settings.CompanySettings;
import dev.airlock.runtime.settings.DiscoveryException;
import dev.airlock.runtime.settings.Settings;
import dev.airlock.runtime.settings.SettingsStore;
import dev.airlock.runtime.state.StateDirectory;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how the engine runs from what was asked (command line), what IT manages and the user set
 * (settings), and, for {@code --demo}, the demo organization: where the catalog comes from, which
 * company to sign in to, which gateway port, and how npm servers are built.
 */
final class DaemonSetup {

    private static final Logger LOG = LoggerFactory.getLogger(DaemonSetup.class);

    /** The engine's options, and the demo organization to stop with it (when there is one). */
    record Result(EngineOptions options, Optional<DemoOrganization> demo, Optional<String> keychainNotice) {}

    private DaemonSetup() {}

    static Result resolve(DaemonOptions options, Map<String, String> environment) throws DaemonException {
        StateDirectory dir = options.stateDirectory();
        SettingsStore store = SettingsStore.forThisComputer(dir, environment);
        Settings settings = store.settings();
        settings.problems().forEach(problem -> LOG.warn("Settings: {}", problem));
        SecretStoreChoice secrets = SecretStores.choose();
        secrets.notice().ifPresent(LOG::warn);

        Catalog catalog = Catalog.EMPTY;
        Optional<CompanySetup> company = Optional.empty();
        Optional<DemoOrganization> demo = Optional.empty();
        Optional<SettingsStore> saveCompanyTo = Optional.of(store);
        var npmBuild = new NpmImageBuilder.Settings(settings.nodeBaseImage(), settings.extraCaCertificates());

        if (options.demo()) {
            DemoOrganization organization = ServiceLoader.load(DemoOrganization.class)
                    .findFirst()
                    .orElseThrow(() -> new DaemonException(
                            "demo_missing",
                            "The demo organization is not part of this installation; it comes with Airlock's source"
                                    + " checkout (./airlock --demo).",
                            null));
            DemoCompany started;
            try {
                started = organization.start();
            } catch (IOException e) {
                organization.close();
                throw new DaemonException("demo", "The demo organization could not start: " + e.getMessage(), e);
            }
            demo = Optional.of(organization);
            company = Optional.of(new CompanySetup(
                    started.name(),
                    started.registryUrl(),
                    new OidcSettings(
                            started.issuer(), started.clientId(), started.scopes(), settings.oidcRoleClaims(), null)));
            npmBuild = started.npmBuild();
            saveCompanyTo = Optional.empty(); // the demo is for this run; the user's settings stay as they are
        } else if (options.registryFile() != null) {
            try {
                catalog = new RegistryFileReader().read(options.registryFile());
            } catch (CatalogException e) {
                throw new DaemonException("catalog", e.getMessage(), e);
            }
        } else if (options.registryUrl() != null) {
            company = Optional.of(fromAddress(options.registryUrl(), settings));
        } else if (settings.registryUrl().isPresent()) {
            company = Optional.of(fromAddress(settings.registryUrl().get(), settings));
        } else {
            LOG.info("No company is set up yet: the catalog is empty until the user signs in with a company address");
        }

        int port = options.gatewayPort() != null ? options.gatewayPort() : settings.gatewayPort();
        var engineOptions = new EngineOptions(
                catalog,
                company,
                dir,
                port,
                environment,
                EngineOptions.DEFAULT_READY_TIMEOUT,
                npmBuild,
                secrets.store(),
                new SystemBrowser(),
                saveCompanyTo,
                new InspectionSetup(settings.inspectionDefaults(), settings.inspectionRulesFile()));
        return new Result(engineOptions, demo, secrets.notice());
    }

    /**
     * The company at a registry address: sign-in as the settings say, else as the company publishes
     * it in {@code .well-known/airlock.json}.
     */
    private static CompanySetup fromAddress(URI registry, Settings settings) throws DaemonException {
        Optional<URI> issuer = settings.oidcIssuer();
        Optional<String> clientId = settings.oidcClientId();
        var scopes = settings.oidcScopes();
        if (issuer.isEmpty() || clientId.isEmpty()) {
            try {
                CompanySettings published = new CompanyDiscovery().discover(registry.toString());
                issuer = issuer.or(published::issuer);
                clientId = clientId.or(published::clientId);
                if (!published.scopes().isEmpty()) {
                    scopes = published.scopes();
                }
            } catch (DiscoveryException e) {
                throw new DaemonException("company", e.getMessage(), e);
            }
        }
        if (issuer.isEmpty() || clientId.isEmpty()) {
            throw new DaemonException(
                    "company",
                    "Airlock knows your company's registry (%s) but not how to sign in. Ask your IT team to set"
                                    .formatted(registry)
                            + " oidcIssuer and oidcClientId (see docs/admin-guide.md).",
                    null);
        }
        try {
            return new CompanySetup(
                    registry.getHost(),
                    registry,
                    new OidcSettings(issuer.get(), clientId.get(), scopes, settings.oidcRoleClaims(), null));
        } catch (IllegalArgumentException e) {
            throw new DaemonException("company", e.getMessage(), e);
        }
    }
}
