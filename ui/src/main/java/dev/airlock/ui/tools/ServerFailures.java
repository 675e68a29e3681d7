package dev.airlock.ui.tools;

import dev.airlock.ui.common.Problem;
import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Why a tool did not start, in one sentence a person can act on, with the engine's own words kept
 * as the technical detail (for IT, or a support ticket). The engine's messages name the cause
 * precisely but run long; the common causes get a sentence of their own here.
 */
final class ServerFailures {

    private ServerFailures() {}

    /**
     * @param title the tool's name as its card shows it
     * @param detail what the engine said, or null
     */
    static Problem explain(String title, String detail, ResourceBundle strings) {
        String raw = detail == null ? "" : detail;
        String key;
        if (raw.contains("Docker is not running")) {
            key = "failure.engine";
        } else if (raw.contains("could not be downloaded") || raw.contains("Downloading the server's image")) {
            key = "failure.download";
        } else if (raw.contains("could not be built from its npm package")) {
            key = "failure.build";
        } else if (raw.contains("stopped unexpectedly")) {
            key = "failure.stopped";
        } else {
            key = "failure.other";
        }
        return new Problem(MessageFormat.format(strings.getString(key), title), raw.isBlank() ? null : raw);
    }
}
