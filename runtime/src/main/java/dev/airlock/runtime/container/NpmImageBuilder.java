package dev.airlock.runtime.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.airlock.runtime.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns an npm-published MCP server into a container image: the company's Node base image, the
 * package installed at its pinned version at build time (with the company's CA bundle, since
 * corporate networks often intercept TLS), and the package's own program as the entrypoint. Images
 * are cached by package, version and recipe, so a server is built once.
 *
 * <p>Install scripts are not run ({@code --ignore-scripts}): they would execute the publisher's code
 * with network access during the build. Servers that need native add-ons should be published as
 * container images instead.
 */
public final class NpmImageBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(NpmImageBuilder.class);
    private static final Pattern NPM_NAME = Pattern.compile("(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]{0,213}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z.+-]{1,64}");
    private static final long BUILD_TIMEOUT_MINUTES = 15;
    /** Changes whenever the recipe below changes, so that images built the old way are rebuilt. */
    private static final String RECIPE_VERSION = "1";

    public static final String PACKAGE_LABEL = "dev.airlock.npm.package";
    public static final String RECIPE_LABEL = "dev.airlock.npm.recipe";

    /**
     * Where to build from.
     *
     * @param baseImage the Node base image (setting {@code images.nodeBase}), with node and npm
     * @param caBundle a PEM bundle the build and the server trust besides the image's own CAs
     *     (setting {@code tls.extraCaCertificates}), or empty
     */
    public record Settings(String baseImage, Optional<Path> caBundle) {}

    private final DockerClient client;
    private final Settings settings;

    public NpmImageBuilder(ContainerEngine engine, Settings settings) {
        this.client = engine.client();
        this.settings = settings;
    }

    /** The tag an npm package's image gets, such as {@code airlock/npm-acme-weather:1.2.0}. */
    public static String tagFor(String packageName, String version) {
        String repository =
                packageName.toLowerCase(Locale.ROOT).replace("@", "").replace('/', '-');
        return "airlock/npm-" + repository + ":" + version.replace('+', '_');
    }

    /**
     * Returns the image for the package, building it when there is none for this recipe yet.
     *
     * @param progress hears what is happening, in words for people
     */
    public String ensure(String packageName, String version, Consumer<String> progress)
            throws LaunchException, InterruptedException {
        if (!NPM_NAME.matcher(packageName).matches()
                || !VERSION.matcher(version).matches()) {
            throw new LaunchException(
                    "The npm package %s@%s does not have a valid name and version.".formatted(packageName, version));
        }
        String tag = tagFor(packageName, version);
        String recipe = recipeDigest();
        if (cached(tag, recipe)) {
            LOG.debug("Image {} is already built", tag);
            return tag;
        }
        progress.accept("Preparing %s %s (first use only)…".formatted(packageName, version));
        Path context = null;
        String stage = null;
        try {
            context = Files.createTempDirectory("airlock-npm-build");
            stage = build(context, stageDockerfile(context, packageName, version), Set.of(), Map.of(), progress);
            String program = program(stage, packageName);
            Path finalContext = Files.createDirectory(context.resolve("final"));
            Files.writeString(
                    finalContext.resolve("Dockerfile"),
                    "FROM %s\nENTRYPOINT %s\n"
                            .formatted(
                                    stage,
                                    Json.mapper()
                                            .writeValueAsString(List.of(
                                                    "node", "/app/node_modules/" + packageName + "/" + program))));
            build(
                    finalContext,
                    finalContext.resolve("Dockerfile"),
                    Set.of(tag),
                    Map.of(PACKAGE_LABEL, packageName + "@" + version, RECIPE_LABEL, recipe),
                    progress);
            LOG.info("Built image {} for npm package {}@{}", tag, packageName, version);
            return tag;
        } catch (IOException e) {
            throw new LaunchException(
                    "Airlock could not prepare the build of " + packageName + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(context);
        }
    }

    private boolean cached(String tag, String recipe) {
        try {
            Map<String, String> labels =
                    client.inspectImageCmd(tag).exec().getConfig().getLabels();
            return labels != null && recipe.equals(labels.get(RECIPE_LABEL));
        } catch (NotFoundException e) {
            return false;
        }
    }

    private Path stageDockerfile(Path context, String packageName, String version) throws IOException {
        var dockerfile = new StringBuilder("FROM " + settings.baseImage() + "\n");
        if (settings.caBundle().isPresent()) {
            Files.copy(settings.caBundle().get(), context.resolve("company-ca.pem"));
            // trusted while npm installs, and later by the server itself
            dockerfile.append("COPY company-ca.pem /etc/airlock/company-ca.pem\n");
            dockerfile.append("ENV NODE_EXTRA_CA_CERTS=/etc/airlock/company-ca.pem\n");
        }
        dockerfile
                .append("RUN ")
                .append(Json.mapper()
                        .writeValueAsString(List.of(
                                "npm",
                                "install",
                                "--prefix",
                                "/app",
                                "--omit=dev",
                                "--ignore-scripts",
                                "--no-audit",
                                "--no-fund",
                                "--no-update-notifier",
                                "--cache",
                                "/tmp/npm-cache",
                                packageName + "@" + version)))
                .append("\n");
        Path file = context.resolve("Dockerfile");
        Files.writeString(file, dockerfile);
        return file;
    }

    /** Runs one build and returns the image id; the build's output goes to the log, not to people. */
    private String build(
            Path context, Path dockerfile, Set<String> tags, Map<String, String> labels, Consumer<String> progress)
            throws LaunchException, InterruptedException {
        var callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null && !item.getStream().isBlank()) {
                    LOG.debug("build: {}", item.getStream().strip());
                    if (item.getStream().startsWith("Step ")) {
                        progress.accept("Building: " + item.getStream().strip());
                    }
                }
                super.onNext(item);
            }
        };
        try {
            var command = client.buildImageCmd()
                    .withBaseDirectory(context.toFile())
                    .withDockerfile(dockerfile.toFile())
                    .withLabels(labels)
                    .withRemove(true)
                    .withForcerm(true);
            if (!tags.isEmpty()) {
                command.withTags(tags);
            }
            return command.exec(callback).awaitImageId(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (DockerClientException | DockerException e) {
            String why = e.getMessage() == null
                    ? "no detail"
                    : e.getMessage().strip().lines().reduce((a, b) -> b).orElse("");
            throw new LaunchException(
                    "The server could not be built from its npm package: %s. If your network inspects secure connections,"
                                    .formatted(why)
                            + " ask IT to set the company certificate (tls.extraCaCertificates).",
                    e);
        }
    }

    /** The package's program, from its package.json {@code bin} (or {@code main}), as a path inside the package. */
    private String program(String stageImage, String packageName) throws LaunchException {
        String container = client.createContainerCmd(stageImage)
                .withEntrypoint("/bin/true")
                .exec()
                .getId();
        try (InputStream tar = client.copyArchiveFromContainerCmd(
                                container, "/app/node_modules/" + packageName + "/package.json")
                        .exec();
                var entries = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry = entries.getNextEntry();
            if (entry == null) {
                throw new LaunchException("The npm package " + packageName + " was not installed.");
            }
            return programOf(packageName, Json.mapper().readTree(entries.readNBytes(1024 * 1024)));
        } catch (IOException | DockerException e) {
            throw new LaunchException("Airlock could not read the package.json of " + packageName + ".", e);
        } finally {
            client.removeContainerCmd(container).withForce(true).exec();
        }
    }

    static String programOf(String packageName, JsonNode packageJson) throws LaunchException {
        JsonNode bin = packageJson.path("bin");
        String path = null;
        if (bin.isString()) {
            path = bin.asString();
        } else if (bin.isObject() && !bin.isEmpty()) {
            String unscoped = packageName.substring(packageName.indexOf('/') + 1);
            JsonNode own = bin.get(unscoped);
            path = own != null && own.isString()
                    ? own.asString()
                    : bin.properties().iterator().next().getValue().asString(null);
        } else if (packageJson.path("main").isString()) {
            path = packageJson.path("main").asString();
        }
        if (path == null) {
            throw new LaunchException("The npm package " + packageName + " names no program to run (no bin).");
        }
        Path normalized = Path.of(path).normalize();
        if (normalized.isAbsolute() || normalized.startsWith("..") || path.contains("\0")) {
            throw new LaunchException("The npm package " + packageName + " names a program outside itself.");
        }
        return normalized.toString().replace('\\', '/');
    }

    private String recipeDigest() throws LaunchException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((RECIPE_VERSION + "\n" + settings.baseImage() + "\n").getBytes(StandardCharsets.UTF_8));
            if (settings.caBundle().isPresent()) {
                digest.update(Files.readAllBytes(settings.caBundle().get()));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (IOException e) {
            throw new LaunchException(
                    "The company certificate bundle %s cannot be read: %s."
                            .formatted(settings.caBundle().orElseThrow(), e.getMessage()),
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("Could not delete {}", dir, e);
        }
    }
}
