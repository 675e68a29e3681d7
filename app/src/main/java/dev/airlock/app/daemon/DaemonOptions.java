package dev.airlock.app.daemon;

import dev.airlock.runtime.state.StateDirectory;
import java.nio.file.Path;

/**
 * How {@code airlock daemon} was asked to run.
 *
 * @param registry a registry file ({@code FILE} or {@code file:} URL), or null for none
 * @param gatewayPort the gateway's port on 127.0.0.1; 0 picks a free one
 */
public record DaemonOptions(Path registry, StateDirectory stateDirectory, int gatewayPort) {

    /** The gateway's port when none is given. */
    public static final int DEFAULT_GATEWAY_PORT = 47200;
}
