package dev.airlock.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Answers {@code airlock --version}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"airlock " + dev.airlock.runtime.AirlockVersion.current()};
    }
}
