package dev.airlock.app.cli;

import dev.airlock.runtime.AirlockVersion;
import picocli.CommandLine.IVersionProvider;

/** Answers {@code airlock --version}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"airlock " + AirlockVersion.current()};
    }
}
