package dev.airlock.runtime.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Short names as DESIGN.md "Names" defines them: the part of the registry name after '/',
 * lower-cased, with anything outside {@code [a-z0-9._-]} turned into '-'. When two entries share one,
 * both take their namespace's last segment as a prefix ({@code io.github.acme/weather} →
 * {@code acme-weather}); whatever still collides, such as a server listed twice, gets {@code -2},
 * {@code -3}, … in registry order.
 */
final class ShortNames {

    private ShortNames() {}

    /** One short name per full name, in the same order, all different. */
    static List<String> assign(List<String> fullNames) {
        List<String> plain = fullNames.stream().map(ShortNames::plain).toList();
        // The same server listed twice is not a collision between two servers: the second listing
        // is only numbered, so it cannot change the first one's name.
        Map<String, Integer> plainCounts = counts(fullNames.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .distinct()
                .map(ShortNames::plain)
                .toList());
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < fullNames.size(); i++) {
            candidates.add(plainCounts.get(plain.get(i)) > 1 ? qualified(fullNames.get(i)) : plain.get(i));
        }
        // A numbered name must not take a name that another entry holds on its own.
        Set<String> reserved = new HashSet<>(candidates);
        Set<String> taken = new HashSet<>();
        List<String> result = new ArrayList<>();
        for (String candidate : candidates) {
            String name = unused(candidate, taken, reserved);
            taken.add(name);
            result.add(name);
        }
        return result;
    }

    private static String unused(String candidate, Set<String> taken, Set<String> reserved) {
        if (!taken.contains(candidate)) {
            return candidate;
        }
        for (int n = 2; ; n++) {
            String numbered = candidate + "-" + n;
            if (!taken.contains(numbered) && !reserved.contains(numbered)) {
                return numbered;
            }
        }
    }

    private static String plain(String fullName) {
        return sanitize(fullName.substring(fullName.indexOf('/') + 1));
    }

    private static String qualified(String fullName) {
        int slash = fullName.indexOf('/');
        if (slash < 0) {
            return plain(fullName); // a placeholder such as unnamed-3 has no namespace
        }
        String namespace = fullName.substring(0, slash);
        return sanitize(namespace.substring(namespace.lastIndexOf('.') + 1)) + "-" + plain(fullName);
    }

    private static String sanitize(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    private static Map<String, Integer> counts(List<String> names) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts;
    }
}
