package dev.airlock.app.daemon;

import dev.airlock.runtime.state.StateDirectory;
import java.net.URI;
import java.nio.file.Path;

/**
 * How {@code airlock daemon} (or the desktop app) was asked to run.
 *
 * @param registryFile a registry file: a fixed catalog, no sign-in; null for none
 * @param registryUrl a company registry to use instead of the one in settings; null for none
 * @param gatewayPort the gateway's port on 127.0.0.1 (0 picks a free one); null for the setting
 * @param demo whether to run the demo organization (a checkout's development build only)
 */
public record DaemonOptions(
        Path registryFile, URI registryUrl, StateDirectory stateDirectory, Integer gatewayPort, boolean demo) {

    /** The gateway's port when neither the command line nor the settings name one. */
    public static final int DEFAULT_GATEWAY_PORT = 47200;

    public DaemonOptions(Path registryFile, StateDirectory stateDirectory, int gatewayPort) {
        this(registryFile, null, stateDirectory, gatewayPort, false);
    }
}
