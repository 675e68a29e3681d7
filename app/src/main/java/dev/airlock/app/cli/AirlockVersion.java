package dev.airlock.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version of this build, as the launcher, the CLI and the engine report it. */
public final class AirlockVersion {

    /** What a build that was not packaged (an IDE, the test class path) reports. */
    public static final String UNPACKAGED = "dev";

    private AirlockVersion() {}

    public static String current() {
        String fromManifest = AirlockVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return fromManifest;
        }
        // the jar plugin writes this descriptor into every jar, without any build configuration
        try (InputStream in =
                AirlockVersion.class.getResourceAsStream("/META-INF/maven/dev.airlock/airlock-app/pom.properties")) {
            if (in != null) {
                Properties descriptor = new Properties();
                descriptor.load(in);
                return descriptor.getProperty("version", UNPACKAGED);
            }
        } catch (IOException e) {
            // fall through: a version is not worth failing for
        }
        return UNPACKAGED;
    }

    /** Answers {@code airlock --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"airlock " + current()};
        }
    }
}
