package dev.airlock.runtime.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.json.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.MissingNode;

/** The inspection policy as a registry entry writes it. */
class InspectionPolicyTest {

    @Test
    void theRegistrysInspectionObjectSetsEachCategoryAndLeavesTheRestAtItsDefault() {
        assertThat(InspectionPolicy.fromRegistry(
                        Json.mapper().readTree("{\"secrets\": \"block\", \"pii\": \"redact\"}")))
                .isEqualTo(new InspectionPolicy(Action.BLOCK, Action.REDACT));
        assertThat(InspectionPolicy.fromRegistry(Json.mapper().readTree("{\"pii\": \"off\"}")))
                .isEqualTo(new InspectionPolicy(Action.REDACT, Action.OFF));
        assertThat(InspectionPolicy.fromRegistry(MissingNode.getInstance())).isEqualTo(InspectionPolicy.defaults());
        assertThat(InspectionPolicy.defaults()).isEqualTo(new InspectionPolicy(Action.REDACT, Action.WARN));
    }

    @Test
    void anUnknownActionIsAClearError() {
        assertThatThrownBy(() -> InspectionPolicy.fromRegistry(Json.mapper().readTree("{\"secrets\": \"hide\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"secrets\"")
                .hasMessageContaining("\"block\", \"redact\", \"warn\" or \"off\"");
        assertThatThrownBy(() -> InspectionPolicy.fromRegistry(Json.mapper().readTree("[\"redact\"]")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleDescriptionsAreThereForNotifications() {
        assertThat(RuleSet.builtIn().descriptionOf("aws-access-key-id")).contains("AWS access key ID");
        assertThat(RuleSet.builtIn().descriptionOf("no-such-rule")).isEmpty();
    }
}
