package dev.airlock.runtime.settings;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Windows: the policy key {@code HKLM\SOFTWARE\Policies\Airlock} that Group Policy, Intune or the
 * MSI's properties write. Read with {@code reg query ... /s} rather than through native calls: the
 * JDK has no registry API, and reg.exe is on every Windows.
 */
public final class WindowsPolicyRegistry implements ManagedSource {

    public static final String KEY = "HKLM\\SOFTWARE\\Policies\\Airlock";
    static final String ROOT_AS_PRINTED = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Airlock";

    /** Runs the query; a seam so the parsing is tested on any OS. */
    @FunctionalInterface
    public interface RegQuery {
        /**
         * @return reg's output; empty when the key does not exist
         */
        Optional<String> run() throws IOException;
    }

    private final RegQuery query;
    private final Map<String, String> environment;

    public WindowsPolicyRegistry(RegQuery query, Map<String, String> environment) {
        this.query = query;
        this.environment = Map.copyOf(environment);
    }

    /** Reads the real registry through {@code %SystemRoot%\System32\reg.exe}. */
    public WindowsPolicyRegistry(Map<String, String> environment) {
        this(() -> regQuery(environment), environment);
    }

    @Override
    public String description() {
        return KEY;
    }

    @Override
    public Optional<ObjectNode> read() throws SettingsSourceException {
        try {
            return query.run().map(output -> RegQueryParser.parse(output, ROOT_AS_PRINTED, environment));
        } catch (IOException e) {
            throw new SettingsSourceException("The Windows policy " + KEY + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Optional<String> regQuery(Map<String, String> environment) throws IOException {
        // the full path, so that no reg.exe earlier on the PATH is run instead
        String systemRoot = environment.getOrDefault("SystemRoot", "C:\\Windows");
        Path reg = Path.of(systemRoot, "System32", "reg.exe");
        // /reg:64: Group Policy writes the 64-bit view; asking for it by name gives the same answer
        // whichever view this process would see by default
        Commands.Output output =
                Commands.run(List.of(reg.toString(), "query", KEY, "/s", "/reg:64"), Duration.ofSeconds(10));
        if (output.exitCode() == 1) {
            return Optional.empty(); // reg's answer when the key does not exist
        }
        if (output.exitCode() != 0) {
            throw new IOException("reg.exe failed with exit code " + output.exitCode());
        }
        // reg writes redirected output in the console's code page; policy values are normally ASCII
        return Optional.of(new String(
                output.stdout(),
                Charset.forName(System.getProperty("native.encoding", "UTF-8"), Charset.defaultCharset())));
    }
}
