package dev.airlock.runtime.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Registry list pages and entries, written the way a company registry would send them. */
final class Pages {

    private Pages() {}

    /** A valid, runnable entry: a container image over stdio. */
    static String entry(String name) {
        return entry(name, "Test server.", null);
    }

    static String entryForRoles(String name, String... roles) {
        String list = Arrays.stream(roles).map(r -> "\"" + r + "\"").collect(Collectors.joining(", "));
        return entry(name, "Test server.", "{\"roles\": [" + list + "]}");
    }

    static String entry(String name, String description, String policy) {
        String image = name.substring(name.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        String meta = policy == null ? "" : ", \"_meta\": {\"dev.airlock/policy\": " + policy + "}";
        return """
                {"server": {"name": "%s", "description": "%s", "version": "1.0.0",
                  "packages": [{"registryType": "oci", "identifier": "images.example.com/example/%s:1.0.0",
                                "transport": {"type": "stdio"}}]}%s}""".formatted(name, description, image, meta);
    }

    /** A page; {@code nextCursor} null for the last one. */
    static String page(String nextCursor, String... entries) {
        String metadata = nextCursor == null
                ? "{\"count\": " + entries.length + "}"
                : "{\"count\": " + entries.length + ", \"nextCursor\": \"" + nextCursor + "\"}";
        return "{\"servers\": [" + String.join(",\n", entries) + "], \"metadata\": " + metadata + "}";
    }
}
