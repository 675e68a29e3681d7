package dev.airlock.runtime.secrets;

import java.util.regex.Pattern;

/**
 * The keys every store accepts, so that code written against the memory store behaves the same on a
 * keychain. A key becomes the keychain entry's account name; {@code #} is kept out because the
 * keychain store names the parts of long values {@code key#1}, {@code key#2}, ...
 */
final class SecretKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,199}");

    private SecretKeys() {}

    static String check(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A secret's key is 1 to 200 letters, digits and . _ : / @ -,"
                    + " starting with a letter or digit; got " + (key == null ? "null" : "\"" + key + "\""));
        }
        return key;
    }
}
