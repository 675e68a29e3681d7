package dev.airlock.runtime.settings;

import java.util.Locale;
import java.util.Map;

/** The company's settings source for the operating system Airlock runs on. */
public final class ManagedSources {

    private ManagedSources() {}

    /** The Windows policy key, the macOS managed preferences, or the Linux policy file, at their usual places. */
    public static ManagedSource forThisComputer(Map<String, String> environment) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsPolicyRegistry(environment);
        }
        if (os.contains("mac")) {
            return new MacManagedPreferences(MacManagedPreferences.DEFAULT_LOCATION);
        }
        return new LinuxPolicyFile(LinuxPolicyFile.DEFAULT_LOCATION);
    }
}
