package dev.airlock.runtime.catalog;

import java.util.regex.Pattern;

/** The shape of a container image reference: {@code [registry[:port]/]path[:tag][@sha256:digest]}. */
final class ImageReference {

    static final int MAX_LENGTH = 255;

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
    private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private static final String DIGEST = "sha256:[a-f0-9]{64}";
    // Whitespace, control characters and a leading '-' cannot match, so a reference never reads as
    // an option or splits into two words wherever it ends up.
    private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/"
            + PATH_COMPONENT + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");

    private ImageReference() {}

    static boolean isValid(String reference) {
        return reference.length() <= MAX_LENGTH && REFERENCE.matcher(reference).matches();
    }

    /** Whether the reference already names a tag or a digest (a ':' in a registry port does not count). */
    static boolean hasTagOrDigest(String reference) {
        return reference.contains("@")
                || reference.substring(reference.lastIndexOf('/') + 1).contains(":");
    }
}
