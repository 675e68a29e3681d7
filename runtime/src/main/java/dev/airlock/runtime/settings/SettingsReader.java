package dev.airlock.runtime.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * Reads one source's values through the allow-list. Both {@code {"images.nodeBase": ...}} and
 * {@code {"images": {"nodeBase": ...}}} name the same key, so every source may nest or dot as its
 * format makes natural (a registry subkey, a plist dict, a JSON object). A value of the wrong type
 * is a problem for that key only: the others are still used.
 */
final class SettingsReader {

    /**
     * @param origin where the values come from, for messages
     * @param unknownKey told the full name of each key not on the allow-list
     */
    static SettingLayer read(JsonNode tree, String origin, Consumer<String> unknownKey) {
        var reader = new SettingsReader(origin, unknownKey);
        reader.walk("", tree);
        return new SettingLayer(reader.values, reader.problems);
    }

    private final String origin;
    private final Consumer<String> unknownKey;
    private final Map<SettingKey<?>, Object> values = new LinkedHashMap<>();
    private final List<SettingProblem> problems = new ArrayList<>();

    private SettingsReader(String origin, Consumer<String> unknownKey) {
        this.origin = origin;
        this.unknownKey = unknownKey;
    }

    private void walk(String prefix, JsonNode object) {
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            String name = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            JsonNode value = property.getValue();
            if (value == null || value.isNull()) {
                continue; // "not set", as JSON writes it
            }
            var key = SettingKey.named(name);
            if (key.isPresent()) {
                accept(key.get(), name, value);
            } else if (value.isObject() && SettingKey.isGroup(name)) {
                walk(name, value);
            } else {
                unknownKey.accept(name);
            }
        }
    }

    private <T> void accept(SettingKey<T> key, String name, JsonNode node) {
        if (values.containsKey(key)) {
            problems.add(new SettingProblem(
                    name,
                    origin,
                    "The setting %s is given twice in %s; Airlock uses the first.".formatted(key.name(), origin)));
            return;
        }
        try {
            values.put(key, key.type().read(node));
        } catch (InvalidValueException e) {
            problems.add(new SettingProblem(
                    name,
                    origin,
                    "The setting %s in %s %s; Airlock ignores it there.".formatted(name, origin, e.getMessage())));
        }
    }
}
