package dev.airlock.runtime.settings;

import dev.airlock.runtime.settings.PlistParser.PlistException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * macOS: the managed preferences a configuration profile (MDM) installs for the domain
 * {@code dev.airlock}, in {@code /Library/Managed Preferences/dev.airlock.plist}. macOS may write
 * that file as a binary property list; it is then converted with {@code plutil}, which every Mac has.
 */
public final class MacManagedPreferences implements ManagedSource {

    public static final Path DEFAULT_LOCATION = Path.of("/Library/Managed Preferences/dev.airlock.plist");

    private static final byte[] BINARY_MAGIC = "bplist".getBytes(StandardCharsets.US_ASCII);

    /** Turns a binary property list file into the XML form. */
    @FunctionalInterface
    public interface PlistConverter {
        byte[] toXml(Path binaryPlist) throws IOException;
    }

    private final Path file;
    private final PlistConverter converter;

    public MacManagedPreferences(Path file, PlistConverter converter) {
        this.file = file;
        this.converter = converter;
    }

    /** Converts binary property lists with {@code /usr/bin/plutil}. */
    public MacManagedPreferences(Path file) {
        this(file, MacManagedPreferences::plutil);
    }

    @Override
    public String description() {
        return file.toString();
    }

    @Override
    public Optional<ObjectNode> read() throws SettingsSourceException {
        Optional<byte[]> bytes = PolicyFiles.read(file, "The managed preferences file");
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        byte[] xml = bytes.get();
        if (isBinary(xml)) {
            try {
                xml = converter.toXml(file);
            } catch (IOException e) {
                throw new SettingsSourceException(
                        "The managed preferences file " + file + " is a binary property list and could not be"
                                + " converted: " + e.getMessage(),
                        e);
            }
        }
        try {
            ObjectNode tree = PlistParser.parse(xml);
            // profile bookkeeping (PayloadUUID, PayloadDisplayName, ...) that some MDMs leave in the
            // managed preferences: not settings, and not worth a warning on every start
            tree.propertyNames().stream()
                    .filter(name -> name.startsWith("Payload"))
                    .toList()
                    .forEach(tree::remove);
            return Optional.of(tree);
        } catch (PlistException e) {
            throw new SettingsSourceException(
                    "The managed preferences file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isBinary(byte[] bytes) {
        return bytes.length >= BINARY_MAGIC.length
                && Arrays.equals(bytes, 0, BINARY_MAGIC.length, BINARY_MAGIC, 0, BINARY_MAGIC.length);
    }

    private static byte[] plutil(Path binaryPlist) throws IOException {
        Path plutil = Path.of("/usr/bin/plutil");
        if (!Files.isExecutable(plutil)) {
            throw new IOException("plutil is not available on this computer");
        }
        Commands.Output output = Commands.run(
                List.of(plutil.toString(), "-convert", "xml1", "-o", "-", binaryPlist.toString()),
                Duration.ofSeconds(10));
        if (output.exitCode() != 0) {
            throw new IOException("plutil failed with exit code " + output.exitCode());
        }
        return output.stdout();
    }
}
