package dev.airlock.runtime.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.airlock.runtime.catalog.Availability.Unavailable;
import dev.airlock.runtime.catalog.PackageLaunch.EnvironmentVariable;
import dev.airlock.runtime.catalog.PackageLaunch.PackageType;
import dev.airlock.runtime.catalog.RemoteEndpoint.Transport;
import dev.airlock.runtime.catalog.ServerPolicy.Inspection;
import dev.airlock.runtime.catalog.ServerPolicy.Network;
import dev.airlock.runtime.catalog.ServerPolicy.Resources;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryFileReaderTest {

    private static final RegistryFileReader READER = new RegistryFileReader();
    private static final String STDIO = "\"transport\": {\"type\": \"stdio\"}";

    /**
     * {@code registry-response.json} is a copy of /work/shared/testdata/mcp-registry's file: the
     * official registry's development seed wrapped as a {@code GET /v0.1/servers} response.
     */
    @Test
    void readsTheOfficialRegistryResponseAccountingForEveryEntry() throws Exception {
        Catalog catalog = READER.read(resource("registry-response.json"));

        assertThat(catalog.entries())
                .extracting(CatalogEntry::name, CatalogEntry::shortName, CatalogEntry::version)
                .containsExactly(
                        // 1.7.2 is marked as not the latest: only 1.7.3 is offered
                        tuple("io.github.domdomegg/airtable-mcp-server", "airtable-mcp-server", "1.7.3"),
                        tuple("io.github.domdomegg/time-mcp-nuget", "time-mcp-nuget", "1.0.8"),
                        tuple("io.github.domdomegg/time-mcp-pypi", "time-mcp-pypi", "1.0.6"));

        CatalogEntry airtable = catalog.entries().get(0);
        assertThat(airtable.available()).isTrue();
        assertThat(airtable.title()).isEqualTo("airtable-mcp-server");
        assertThat(airtable.description())
                .isEqualTo("Read and write access to Airtable database schemas, tables, and records.");
        assertThat(airtable.policy()).isEqualTo(ServerPolicy.DEFAULT);
        assertThat(airtable.remotes()).isEmpty();
        // The oci package wins over the npm one listed before it.
        assertThat(airtable.launch())
                .contains(new PackageLaunch(
                        PackageType.OCI,
                        "docker.io/domdomegg/airtable-mcp-server:1.7.3",
                        null,
                        List.of(),
                        List.of(),
                        List.of(new EnvironmentVariable(
                                "AIRTABLE_API_KEY",
                                airtable.launch()
                                        .orElseThrow()
                                        .environment()
                                        .getFirst()
                                        .description(),
                                true,
                                true,
                                null))));

        assertThat(reasons(catalog))
                .containsExactly(
                        null,
                        "This server is published as a nuget package, which Airlock cannot run; ask IT for a container image of it.",
                        "This server is published as a pypi package, which Airlock cannot run; ask IT for a container image of it.");
        assertThat(catalog.find("time-mcp-pypi").orElseThrow().launch()).isEmpty();
    }

    @Nested
    class MixedFile {

        private final Catalog catalog = readMixed();

        private static Catalog readMixed() {
            try {
                return READER.read(resource("mixed-registry.json"));
            } catch (CatalogException | URISyntaxException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void keepsEveryEntryInRegistryOrderWithUniqueShortNames() {
            assertThat(catalog.entries())
                    .extracting(CatalogEntry::shortName)
                    .containsExactly(
                            "weather",
                            "unnamed-2",
                            "verbose",
                            "tiny",
                            "github",
                            "time",
                            "weather-2",
                            "notes",
                            "files",
                            "memory",
                            "remote-only",
                            "fs",
                            "unnamed-13",
                            "sneaky");
        }

        @Test
        void theValidContainerEntryCarriesItsLaunchAndPolicy() {
            CatalogEntry weather = catalog.find("weather").orElseThrow();

            assertThat(weather.availability()).isEqualTo(Availability.available());
            assertThat(weather.name()).isEqualTo("io.github.acme/weather");
            assertThat(weather.title()).isEqualTo("Acme Weather");
            assertThat(weather.description()).isEqualTo("Forecasts for any city.");
            assertThat(weather.version()).isEqualTo("2.1.0");
            assertThat(weather.launch())
                    .contains(new PackageLaunch(
                            PackageType.OCI,
                            "ghcr.io/acme/weather-mcp:2.1.0",
                            "2.1.0",
                            List.of("--cap-drop=ALL"),
                            // named arguments are one word (--flag=value); "--verbose" has no value
                            List.of("stdio", "--units=metric", "--region=eu-west"),
                            List.of(
                                    new EnvironmentVariable("WEATHER_API_KEY", "Your API key", true, true, null),
                                    new EnvironmentVariable("LOG_LEVEL", null, false, false, "info"))));
            assertThat(weather.policy())
                    .isEqualTo(new ServerPolicy(
                            List.of("engineering", "support"),
                            new ServerPolicy.Permissions(
                                    List.of(), List.of(), new Network(false, List.of(), List.of(443))),
                            new Resources(1024, 1.5, 128),
                            new ServerPolicy.Tools(
                                    List.of("get_forecast", "get_alerts"),
                                    Map.of("get_forecast", "sha256:" + "ab".repeat(32))),
                            new Inspection("redact", "warn"),
                            new ServerPolicy.Image(true),
                            ServerPolicy.Identity.ACCESS_TOKEN));
        }

        @Test
        void theSecretsValueFromTheRegistryIsDropped() {
            EnvironmentVariable key = catalog.find("weather")
                    .flatMap(CatalogEntry::launch)
                    .orElseThrow()
                    .environment()
                    .getFirst();

            assertThat(key.name()).isEqualTo("WEATHER_API_KEY");
            assertThat(key.secret()).isTrue();
            assertThat(key.value()).isNull();
            assertThat(catalog.toString()).doesNotContain("leaked-from-registry");
        }

        @Test
        void aPolicyInsideServerMetaIsIgnoredBecauseThePublisherWroteIt() {
            CatalogEntry memory = catalog.find("io.github.acme/memory").orElseThrow();

            assertThat(memory.available()).isTrue();
            assertThat(memory.launch())
                    .contains(new PackageLaunch(
                            PackageType.NPM, "@acme/memory-mcp", "1.4.2", List.of(), List.of(), List.of()));
            // only the registry's _meta beside the server sets policy: these are the defaults
            assertThat(memory.policy()).isEqualTo(ServerPolicy.DEFAULT);
        }

        @Test
        void aRemoteOnlyEntryIsAvailableWithItsHttpsRemotes() {
            CatalogEntry remote = catalog.find("remote-only").orElseThrow();

            assertThat(remote.available()).isTrue();
            assertThat(remote.launch()).isEmpty();
            assertThat(remote.remotes())
                    .containsExactly(new RemoteEndpoint(Transport.STREAMABLE_HTTP, "https://mcp.example.com/mcp"));
        }

        @Test
        void eachBrokenEntryIsUnavailableWithItsReason() {
            assertThat(reasons(catalog))
                    .containsExactly(
                            null,
                            "The registry entry is invalid: it has no 'name'.",
                            "The registry entry is invalid: 'description' is longer than 100 characters.",
                            "The company policy for this server is invalid: 'resources.memory_mb' must be a whole number from 16 to 65536.",
                            "This server needs network access (api.github.com:443), which this version of Airlock cannot restrict yet, so it is not offered.",
                            "This server is published as a pypi package, which Airlock cannot run; ask IT for a container image of it.",
                            "This server is listed twice in the registry; Airlock uses only its first listing.",
                            "This server's npm package does not pin a version, so Airlock cannot tell what it would run.",
                            "This server needs a setting (workspace_path) that Airlock cannot ask for yet.",
                            null,
                            null,
                            "This server needs access to files on your computer, which comes in a later version of Airlock.",
                            "The registry entry is invalid: it has no 'server' object.",
                            "The registry entry is invalid: 'packages[0].identifier' is not a valid container image reference.");
        }

        @Test
        void anUnavailableEntryOffersNothingToRun() {
            CatalogEntry tiny = catalog.find("tiny").orElseThrow();

            assertThat(tiny.launch()).isEmpty();
            assertThat(tiny.policy()).isEqualTo(ServerPolicy.DEFAULT);
            assertThat(tiny.title()).isEqualTo("tiny");
            assertThat(tiny.description()).isEqualTo("A test server.");
        }
    }

    @Nested
    class WholeFileProblems {

        @TempDir
        Path dir;

        @Test
        void aMissingFile() {
            Path file = dir.resolve("registry.json");

            assertThatThrownBy(() -> READER.read(file))
                    .isInstanceOf(CatalogException.class)
                    .hasMessage("The registry file " + file
                            + " does not exist. Check the registry setting, or ask your IT team for the file.");
        }

        @Test
        void aDirectory() {
            assertThatThrownBy(() -> READER.read(dir))
                    .hasMessage("The registry file " + dir + " is not a file. Check the registry setting.");
        }

        @Test
        void notJsonSaysWhere() throws IOException {
            Path file = write("{\n  \"servers\": [\n    {\"server\": tru}\n  ]\n}");

            assertThatThrownBy(() -> READER.read(file))
                    .isInstanceOf(CatalogException.class)
                    .hasMessage("The registry file " + file
                            + " is not valid JSON (line 3, column 16). Ask your IT team for a corrected file.");
        }

        @Test
        void aKeyGivenTwiceIsNotAcceptedAsJson() {
            assertThatThrownBy(() -> parse("{\"servers\": [], \"servers\": [{}]}"))
                    .hasMessageStartingWith("The registry's response is not valid JSON (line 1, column ");
        }

        @Test
        void anEmptyFile() throws IOException {
            Path file = write("  \n");

            assertThatThrownBy(() -> READER.read(file))
                    .hasMessage("The registry file " + file + " is empty. Ask your IT team for a corrected file.");
        }

        @Test
        void aBareListOfServersIsNotARegistryResponse() throws IOException {
            Path file = write("[{\"name\": \"io.github.acme/weather\", \"description\": \"d\", \"version\": \"1\"}]");

            assertThatThrownBy(() -> READER.read(file))
                    .hasMessage("The registry file " + file + " is not a list of servers in the MCP registry format"
                            + " (it has no \"servers\" list). Ask your IT team for a corrected file.");
        }

        @Test
        void serversThatIsNotAList() {
            assertThatThrownBy(() -> parse("{\"servers\": {\"server\": {}}}"))
                    .hasMessage("The registry's response is not a list of servers in the MCP registry format"
                            + " (it has no \"servers\" list). Ask your IT team to check the registry.");
        }

        @Test
        void aFileOverSixteenMebibytes() throws IOException {
            Path file = dir.resolve("big.json");
            byte[] bytes = new byte[(int) RegistryFileReader.MAX_BYTES + 1];
            Arrays.fill(bytes, (byte) ' ');
            Files.write(file, bytes);

            assertThatThrownBy(() -> READER.read(file))
                    .hasMessage(
                            "The registry file " + file
                                    + " is larger than 16 MiB, more than a registry list can be. Ask your IT team for a corrected file.");
            assertThatThrownBy(() -> READER.parse(bytes, "The registry at https://mcp.example.com"))
                    .hasMessage("The registry at https://mcp.example.com is larger than 16 MiB, more than a registry"
                            + " list can be. Ask your IT team to check the registry.");
        }

        @Test
        void exactlySixteenMebibytesIsStillRead() throws CatalogException {
            byte[] bytes = new byte[(int) RegistryFileReader.MAX_BYTES];
            Arrays.fill(bytes, (byte) ' ');
            byte[] json = "{\"servers\": []}".getBytes(UTF_8);
            System.arraycopy(json, 0, bytes, 0, json.length);

            assertThat(READER.parse(bytes).entries()).isEmpty();
        }

        @Test
        void moreThanTwoThousandEntries() {
            String twoThousandAndOne = String.join(",", Collections.nCopies(2_001, "{}"));

            assertThatThrownBy(() -> parse("{\"servers\": [" + twoThousandAndOne + "]}"))
                    .hasMessage("The registry's response lists 2,001 servers, more than the 2,000 Airlock accepts."
                            + " Ask your IT team to check the registry.");
        }

        /** Decided: nesting is limited while parsing, so a document this deep is refused as a whole. */
        @Test
        void nestingFiveHundredLevelsDeep() {
            String deep = "{\"value\": ".repeat(500) + "1" + "}".repeat(500);

            assertThatThrownBy(() -> parse("{\"servers\": [{\"server\": {\"name\": \"io.github.acme/deep\", "
                            + "\"description\": \"d\", \"version\": \"1\", \"_meta\": " + deep + "}}]}"))
                    .hasMessage("The registry's response is nested more than 64 levels deep or holds a value too"
                            + " large to read safely. Ask your IT team to check the registry.");
        }

        @Test
        void messagesCarryNoTechnicalDetail() throws IOException {
            Path file = write("{\"servers\": [}");

            assertThatThrownBy(() -> READER.read(file))
                    .message()
                    .doesNotContain("Exception", "Jackson", "token", "\tat ", "StreamRead");
        }

        private Path write(String content) throws IOException {
            return Files.writeString(dir.resolve("registry.json"), content);
        }
    }

    @Nested
    class OneEntry {

        @Test
        void aStringOverFourKilobytesAnywhereMakesTheEntryInvalid() throws CatalogException {
            CatalogEntry entry = entry(
                    server("io.github.acme/long", "\"websiteUrl\": \"https://x.example/" + "a".repeat(4_100) + "\""));

            assertThat(reason(entry))
                    .isEqualTo("The registry entry is invalid: 'websiteUrl' is longer than 4,096 characters.");
        }

        @Test
        void aLongStringInTheRegistrysMetaCountsToo() throws CatalogException {
            CatalogEntry entry = entry("{\"server\": " + server("io.github.acme/long", oci("ghcr.io/acme/long:1"))
                    + ", \"_meta\": {\"note\": \"" + "n".repeat(4_097) + "\"}}");

            assertThat(reason(entry))
                    .isEqualTo("The registry entry is invalid: '_meta.note' is longer than 4,096 characters.");
        }

        @Test
        void moreThanThirtyTwoPackages() throws CatalogException {
            String packages = String.join(
                    ",",
                    Collections.nCopies(
                            33,
                            "{\"registryType\": \"oci\", " + "\"identifier\": \"ghcr.io/acme/x:1\", " + STDIO + "}"));

            assertThat(reason(entry(server("io.github.acme/many", "\"packages\": [" + packages + "]"))))
                    .isEqualTo("The registry entry is invalid: 'packages' has more than 32 entries.");
        }

        @Test
        void moreThanSixtyFourEnvironmentVariables() throws CatalogException {
            String env = String.join(
                    ",",
                    IntStream.range(0, 65)
                            .mapToObj(i -> "{\"name\": \"V" + i + "\", \"value\": \"x\"}")
                            .toList());

            assertThat(reason(entry(server(
                            "io.github.acme/env",
                            "\"packages\": [{\"registryType\": \"oci\", "
                                    + "\"identifier\": \"ghcr.io/acme/env:1\", " + STDIO
                                    + ", \"environmentVariables\": ["
                                    + env + "]}]"))))
                    .isEqualTo(
                            "The registry entry is invalid: 'packages[0].environmentVariables' has more than 64 entries.");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                io.github.acme/weather  | "title": "%s"           | 'title' is longer than 100 characters
                io.github.acme/../x     | "title": "t"            | 'name' must look like 'io.github.example/server-name'
                io.github.acme/..       | "title": "t"            | the part of 'name' after '/' must start with a letter or a digit
                io.github.acme/-rf      | "title": "t"            | the part of 'name' after '/' must start with a letter or a digit
                """)
        void boundsBeyondTheSchema(String name, String field, String problem) throws CatalogException {
            CatalogEntry entry = entry(server(name, field.formatted("t".repeat(101))));

            assertThat(reason(entry)).isEqualTo("The registry entry is invalid: " + problem + ".");
        }

        @Test
        void aVersionOverSixtyFourCharacters() throws CatalogException {
            String server = "{\"name\": \"io.github.acme/x\", \"description\": \"d\", \"version\": \"1.0.0-"
                    + "b".repeat(60) + "\", " + oci("ghcr.io/acme/x:1") + "}";

            assertThat(reason(entry(server)))
                    .isEqualTo("The registry entry is invalid: 'version' is longer than 64 characters.");
        }

        @Test
        void anOverlongNameIsReplacedByAPlaceholder() throws CatalogException {
            CatalogEntry entry = entry(server("io.github.acme/" + "w".repeat(190), oci("ghcr.io/acme/w:1")));

            assertThat(entry.name()).isEqualTo("unnamed-1");
            assertThat(entry.shortName()).isEqualTo("unnamed-1");
            assertThat(reason(entry)).isEqualTo("The registry entry is invalid: 'name' is longer than 200 characters.");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                "version": "latest"                      | 'packages[0].version' must not be 'latest'
                "transport": {"type": "websocket"}       | 'packages[0].transport.type' must be one of stdio, streamable-http, sse
                "packageArguments": [{"type": "named"}]  | 'packages[0].packageArguments[0]' has no 'name'
                "registryBaseUrl": "not a url"           | 'packages[0].registryBaseUrl' is not a valid URI
                """)
        void schemaProblemsReadAsOneSentence(String packageField, String problem) throws CatalogException {
            String pkg = "{\"registryType\": \"oci\", \"identifier\": \"ghcr.io/acme/x:1\", "
                    + (packageField.startsWith("\"transport\"") ? "" : STDIO + ", ") + packageField + "}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo("The registry entry is invalid: " + problem + ".");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                {"resources": {"cpus": 0.05}}                              | 'resources.cpus' must be a number from 0.1 to 64
                {"resources": {"pids": 100000}}                            | 'resources.pids' must be a whole number from 16 to 32768
                {"resources": {"memory_mb": "512"}}                        | 'resources.memory_mb' must be a whole number from 16 to 65536
                {"resources": {"memory_mb": 512.5}}                        | 'resources.memory_mb' must be a whole number from 16 to 65536
                {"permissions": {"network": {"outbound": {"allow_port": [0]}}}} | 'permissions.network.outbound.allow_port' must list whole numbers from 1 to 65535
                {"permissions": {"network": {"outbound": {"allow_host": ["a b"]}}}} | 'permissions.network.outbound.allow_host' must list host names such as api.github.com
                {"permissions": {"network": {"outbound": {"insecure_allow_all": "yes"}}}} | 'permissions.network.outbound.insecure_allow_all' must be true or false
                {"inspection": {"secrets": "ignore"}}                      | 'inspection.secrets' must be one of redact, warn, block or off
                {"tools": {"pins": {"search": "md5:abc"}}}                 | 'tools.pins.search' must be 'sha256:' followed by 64 hexadecimal digits
                {"roles": "engineering"}                                   | 'roles' must be a list of text values
                {"image": []}                                              | 'image' must be a JSON object
                """)
        void policyProblems(String policy, String problem) throws CatalogException {
            CatalogEntry entry = entry(withPolicy(oci("ghcr.io/acme/x:1"), policy));

            assertThat(reason(entry)).isEqualTo("The company policy for this server is invalid: " + problem + ".");
        }

        @Test
        void unknownPolicyKeysAreIgnored() throws CatalogException {
            CatalogEntry entry = entry(withPolicy(
                    oci("ghcr.io/acme/x:1"),
                    "{\"audit\": {\"level\": 3}, \"resources\": {\"gpus\": 1, \"pids\": 64}}"));

            assertThat(entry.available()).isTrue();
            assertThat(entry.policy().resources()).isEqualTo(new Resources(512, 1.0, 64));
        }

        @Test
        void unrestrictedInternetAccessIsNotOfferedYet() throws CatalogException {
            CatalogEntry entry = entry(withPolicy(
                    oci("ghcr.io/acme/x:1"),
                    "{\"permissions\": {\"network\": {\"outbound\": {\"insecure_allow_all\": true}}}}"));

            assertThat(reason(entry))
                    .isEqualTo("This server needs unrestricted internet access, which this version of Airlock cannot"
                            + " restrict yet, so it is not offered.");
            assertThat(entry.policy().permissions().network().insecureAllowAll())
                    .isTrue();
        }

        @Test
        void severalHostsAndPortsAreListed() throws CatalogException {
            CatalogEntry entry = entry(withPolicy(
                    oci("ghcr.io/acme/x:1"),
                    "{\"permissions\": {\"network\": {\"outbound\": {\"allow_host\": [\"api.github.com\", "
                            + "\".githubusercontent.com\"], \"allow_port\": [443, 8443]}}}}"));

            assertThat(reason(entry))
                    .isEqualTo("This server needs network access (api.github.com, .githubusercontent.com on ports 443,"
                            + " 8443), which this version of Airlock cannot restrict yet, so it is not offered.");
        }

        @Test
        void aSecretArgumentNeverTakesItsValueFromTheRegistry() throws CatalogException {
            String pkg = "{\"registryType\": \"oci\", \"identifier\": \"ghcr.io/acme/x:1\", " + STDIO
                    + ", \"packageArguments\": [{\"type\": \"named\", \"name\": \"--token\", \"value\": \"abc\","
                    + " \"isSecret\": true, \"isRequired\": true}]}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo("This server needs a setting (--token) that Airlock cannot ask for yet.");
        }

        @Test
        void aRequiredVariableWithoutAValueNeedsASetting() throws CatalogException {
            String pkg = "{\"registryType\": \"oci\", \"identifier\": \"ghcr.io/acme/x:1\", " + STDIO
                    + ", \"runtimeArguments\": [{\"type\": \"named\", \"name\": \"--mount\","
                    + " \"value\": \"type=bind,src={source_path},dst=/data\","
                    + " \"variables\": {\"source_path\": {\"isRequired\": true}}}]}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo("This server needs a setting (source_path) that Airlock cannot ask for yet.");
        }

        @Test
        void anArgumentWithANulCharacterIsRefused() throws CatalogException {
            String pkg = "{\"registryType\": \"oci\", \"identifier\": \"ghcr.io/acme/x:1\", " + STDIO
                    + ", \"packageArguments\": [{\"type\": \"positional\", \"value\": \"a\\u0000b\"}]}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo(
                            "The registry entry is invalid: 'packages[0].packageArguments[0]' contains a NUL character.");
        }

        @Test
        void anInvalidEnvironmentVariableName() throws CatalogException {
            String pkg = "{\"registryType\": \"oci\", \"identifier\": \"ghcr.io/acme/x:1\", " + STDIO
                    + ", \"environmentVariables\": [{\"name\": \"LD_PRELOAD=/tmp/x.so\"}]}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo("The registry entry is invalid: 'packages[0].environmentVariables[0].name' is not a"
                            + " valid environment variable name.");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                ghcr.io/acme/x                 | 2.0.0 | ghcr.io/acme/x:2.0.0
                localhost:5000/acme/x          | 2.0.0 | localhost:5000/acme/x:2.0.0
                ghcr.io/acme/x:latest          | 2.0.0 | ghcr.io/acme/x:latest
                ghcr.io/acme/x@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | 2.0.0 | ghcr.io/acme/x@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
                """)
        void theImageVersionIsAppendedOnlyWithoutATagOrDigest(String identifier, String version, String image)
                throws CatalogException {
            CatalogEntry entry = entry(server("io.github.acme/x", oci(identifier, version)));

            assertThat(entry.launch().map(PackageLaunch::identifier)).contains(image);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                ghcr.io/acme/x y:1
                ghcr.io/Acme/x:1
                ghcr.io/acme/x:1\\n
                """)
        void malformedImageReferencesAreRefused(String identifier) throws CatalogException {
            assertThat(reason(entry(server("io.github.acme/x", oci(identifier)))))
                    .isEqualTo(
                            "The registry entry is invalid: 'packages[0].identifier' is not a valid container image reference.");
        }

        @Test
        void anImageReferenceOverTwoHundredFiftyFiveCharacters() throws CatalogException {
            assertThat(reason(entry(server("io.github.acme/x", oci("ghcr.io/acme/" + "x".repeat(250) + ":1")))))
                    .isEqualTo(
                            "The registry entry is invalid: 'packages[0].identifier' is not a valid container image reference.");
        }

        @Test
        void anNpmVersionRangeIsNotAPin() throws CatalogException {
            String pkg =
                    "{\"registryType\": \"npm\", \"identifier\": \"@acme/x\", \"version\": \"^1.2.0\", " + STDIO + "}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo(
                            "This server's npm package does not pin a version, so Airlock cannot tell what it would run.");
        }

        @Test
        void anNpmNameThatReadsAsAnOption() throws CatalogException {
            String pkg =
                    "{\"registryType\": \"npm\", \"identifier\": \"--yes\", \"version\": \"1.0.0\", " + STDIO + "}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo(
                            "The registry entry is invalid: 'packages[0].identifier' is not a valid npm package name.");
        }

        @Test
        void aContainerThatDoesNotUseStdio() throws CatalogException {
            String pkg = "{\"registryType\": \"oci\", \"identifier\": \"ghcr.io/acme/x:1\", "
                    + "\"transport\": {\"type\": \"streamable-http\", \"url\": \"http://localhost:8080/mcp\"}}";

            assertThat(reason(entry(server("io.github.acme/x", "\"packages\": [" + pkg + "]"))))
                    .isEqualTo("This server's package does not talk over standard input and output (stdio), which"
                            + " Airlock needs; ask IT for a stdio version of it.");
        }

        @Test
        void remotesThatAreNotSecureAreLeftOut() throws CatalogException {
            String remotes = "\"remotes\": [{\"type\": \"sse\", \"url\": \"http://127.0.0.1:9000/sse\"},"
                    + " {\"type\": \"streamable-http\", \"url\": \"https://user@mcp.example.com/mcp\"},"
                    + " {\"type\": \"streamable-http\", \"url\": \"https://{tenant}.example.com/mcp\"}]";

            CatalogEntry entry = entry(server("io.github.acme/x", remotes));

            assertThat(entry.available()).isTrue();
            assertThat(entry.remotes()).containsExactly(new RemoteEndpoint(Transport.SSE, "http://127.0.0.1:9000/sse"));
        }

        @Test
        void anEntryWhoseRemotesAreAllInsecure() throws CatalogException {
            CatalogEntry entry = entry(server(
                    "io.github.acme/x", "\"remotes\": [{\"type\": \"sse\", \"url\": \"http://mcp.example.com/sse\"}]"));

            assertThat(reason(entry))
                    .isEqualTo("This server's remote addresses are not secure (https) addresses, so Airlock does not"
                            + " connect to them.");
        }

        @Test
        void anEntryWithNothingToRun() throws CatalogException {
            assertThat(reason(entry(server("io.github.acme/x", "\"title\": \"X\""))))
                    .isEqualTo("This server lists no container image, npm package or remote address, so there is"
                            + " nothing Airlock could run.");
        }

        @Test
        void controlCharactersNeverReachTheScreen() throws CatalogException {
            CatalogEntry entry =
                    entry(server("io.github.acme/x", "\"title\": \"Nice\\u001b[2J\", " + oci("ghcr.io/acme/x:1")));

            assertThat(entry.title()).isEqualTo("Nice [2J");
        }

        @Test
        void anEntryThatIsNotAnObject() throws CatalogException {
            Catalog catalog =
                    parse("{\"servers\": [42, " + item(server("io.github.acme/x", oci("ghcr.io/acme/x:1"))) + "]}");

            assertThat(catalog.entries())
                    .extracting(CatalogEntry::name)
                    .containsExactly("unnamed-1", "io.github.acme/x");
            assertThat(reasons(catalog))
                    .containsExactly("The registry entry is invalid: it has no 'server' object.", null);
        }

        @Test
        void namesThatDifferOnlyInCaseAreListedTwice() throws CatalogException {
            Catalog catalog = parse("{\"servers\": ["
                    + item(server("io.github.acme/Weather", oci("ghcr.io/acme/x:1"))) + ", "
                    + item(server("io.github.acme/weather", oci("ghcr.io/acme/x:1"))) + "]}");

            assertThat(catalog.entries()).extracting(CatalogEntry::shortName).containsExactly("weather", "weather-2");
            assertThat(reasons(catalog))
                    .containsExactly(
                            null, "This server is listed twice in the registry; Airlock uses only its first listing.");
        }

        @Test
        void collidingShortNamesTakeTheNamespace() throws CatalogException {
            Catalog catalog = parse("{\"servers\": ["
                    + item(server("io.github.acme/weather", oci("ghcr.io/acme/x:1"))) + ", "
                    + item(server("com.globex/weather", oci("ghcr.io/globex/x:1"))) + "]}");

            assertThat(catalog.entries())
                    .extracting(CatalogEntry::shortName)
                    .containsExactly("acme-weather", "globex-weather");
            assertThat(catalog.find("globex-weather").map(CatalogEntry::name)).contains("com.globex/weather");
            assertThat(catalog.entries()).allMatch(CatalogEntry::available);
        }
    }

    private static Catalog parse(String json) throws CatalogException {
        return READER.parse(json.getBytes(UTF_8));
    }

    private static CatalogEntry entry(String item) throws CatalogException {
        String wrapped = item.startsWith("{\"server\"") ? item : item(item);
        List<CatalogEntry> entries = parse("{\"servers\": [" + wrapped + "]}").entries();
        assertThat(entries).hasSize(1);
        return entries.getFirst();
    }

    private static String item(String server) {
        return "{\"server\": " + server + "}";
    }

    private static String server(String name, String fields) {
        return "{\"name\": \"" + name + "\", \"description\": \"A test server.\", \"version\": \"1.0.0\", " + fields
                + "}";
    }

    private static String oci(String identifier) {
        return "\"packages\": [{\"registryType\": \"oci\", \"identifier\": \"" + identifier + "\", " + STDIO + "}]";
    }

    private static String oci(String identifier, String version) {
        return "\"packages\": [{\"registryType\": \"oci\", \"identifier\": \"" + identifier + "\", \"version\": \""
                + version + "\", " + STDIO + "}]";
    }

    private static String withPolicy(String packages, String policy) {
        return "{\"server\": " + server("io.github.acme/x", packages) + ", \"_meta\": {\"dev.airlock/policy\": "
                + policy + "}}";
    }

    private static String reason(CatalogEntry entry) {
        return entry.availability() instanceof Unavailable(String reason) ? reason : null;
    }

    private static List<String> reasons(Catalog catalog) {
        return catalog.entries().stream().map(RegistryFileReaderTest::reason).toList();
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(RegistryFileReaderTest.class.getResource(name).toURI());
    }
}
