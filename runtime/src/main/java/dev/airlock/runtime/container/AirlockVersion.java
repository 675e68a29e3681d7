package dev.airlock.runtime.container;

/** This build's version, from the jar manifest; "dev" when running from classes. */
public final class AirlockVersion {

    private AirlockVersion() {}

    public static String current() {
        String version = AirlockVersion.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
