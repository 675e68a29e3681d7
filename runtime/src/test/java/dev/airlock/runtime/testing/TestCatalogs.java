package dev.airlock.runtime.testing;

import dev.airlock.runtime.catalog.Availability;
import dev.airlock.runtime.catalog.CatalogEntry;
import dev.airlock.runtime.catalog.PackageLaunch;
import dev.airlock.runtime.catalog.ServerPolicy;
import java.util.List;
import java.util.Optional;

/** Catalog entries for the test images. */
public final class TestCatalogs {

    private TestCatalogs() {}

    public static CatalogEntry everything() {
        return oci(
                "io.github.modelcontextprotocol/everything", "everything", TestImages.EVERYTHING, ServerPolicy.DEFAULT);
    }

    /** An entry published as an npm package, which Airlock builds into an image. */
    public static CatalogEntry npm(String name, String shortName, String packageName, String version) {
        return new CatalogEntry(
                name,
                shortName,
                shortName,
                "Test server " + shortName,
                version,
                Optional.of(new PackageLaunch(
                        PackageLaunch.PackageType.NPM, packageName, version, List.of(), List.of(), List.of())),
                List.of(),
                ServerPolicy.DEFAULT,
                Optional.empty(),
                Availability.available());
    }

    /** The default policy, but with the given identity for remote servers. */
    public static ServerPolicy withIdentity(ServerPolicy.Identity identity) {
        var defaults = ServerPolicy.DEFAULT;
        return new ServerPolicy(
                defaults.roles(),
                defaults.permissions(),
                defaults.resources(),
                defaults.tools(),
                defaults.inspection(),
                defaults.image(),
                identity);
    }

    public static CatalogEntry oci(String name, String shortName, String image, ServerPolicy policy) {
        return new CatalogEntry(
                name,
                shortName,
                shortName,
                "Test server " + shortName,
                "1.0.0",
                Optional.of(
                        new PackageLaunch(PackageLaunch.PackageType.OCI, image, null, List.of(), List.of(), List.of())),
                List.of(),
                policy,
                Optional.empty(),
                Availability.available());
    }
}
