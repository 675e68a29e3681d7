package dev.airlock.runtime.gateway;

import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the company set for inspection, from its managed settings.
 *
 * @param defaults {@code inspection.defaults}: the actions for servers whose entry sets none
 * @param rulesFile {@code inspection.rulesFile}: a gitleaks-format TOML file of the company's own rules
 */
public record InspectionSetup(Optional<JsonNode> defaults, Optional<Path> rulesFile) {

    /** Nothing set: Airlock's safe defaults and built-in rules. */
    public static final InspectionSetup NONE = new InspectionSetup(Optional.empty(), Optional.empty());
}
