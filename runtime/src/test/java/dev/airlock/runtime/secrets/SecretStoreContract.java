package dev.airlock.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What every secret store does, proved the same for the keychain and the in-memory fallback. */
abstract class SecretStoreContract {

    private final String run = "test-" + UUID.randomUUID();
    private final List<String> used = new ArrayList<>();

    /** The store under test; the same instance for the whole test. */
    abstract SecretStore store();

    /** A key no one else uses, removed again after the test (the keychain may be a real one). */
    String key(String name) {
        String key = run + "." + name;
        used.add(key);
        return key;
    }

    @AfterEach
    void removeWhatTheTestStored() throws SecretStoreException {
        for (String key : used) {
            store().delete(key);
        }
    }

    @Test
    void aStoredValueComesBack() throws Exception {
        String key = key("refresh-token");

        store().put(key, "r3fr3sh-t0ken");

        assertThat(store().get(key)).contains("r3fr3sh-t0ken");
    }

    @Test
    void storingAgainReplacesTheValue() throws Exception {
        String key = key("token");
        store().put(key, "first");

        store().put(key, "second");

        assertThat(store().get(key)).contains("second");
    }

    @Test
    void aDeletedValueIsGone() throws Exception {
        String key = key("token");
        store().put(key, "value");

        store().delete(key);

        assertThat(store().get(key)).isEmpty();
    }

    @Test
    void aKeyNeverStoredHasNoValue() throws Exception {
        assertThat(store().get(key("never-stored"))).isEmpty();
    }

    @Test
    void deletingAKeyNeverStoredIsNotAnError() throws Exception {
        String key = key("never-stored");

        store().delete(key);

        assertThat(store().get(key)).isEmpty();
    }

    @Test
    void keysAreIndependent() throws Exception {
        String one = key("one");
        String two = key("two");
        store().put(one, "1");
        store().put(two, "2");

        store().delete(one);

        assertThat(store().get(one)).isEmpty();
        assertThat(store().get(two)).contains("2");
    }

    @Test
    void unicodeValuesSurviveUnchanged() throws Exception {
        String key = key("unicode");
        String value = "Grüße, Jürgen — 東京 🔐 Ωμέγα \t\n\"quotes\" \\ =+#";

        store().put(key, value);

        assertThat(store().get(key)).contains(value);
    }

    @Test
    void anEmptyValueIsAValue() throws Exception {
        String key = key("empty");

        store().put(key, "");

        assertThat(store().get(key)).contains("");
    }

    @Test
    void aLongValueSurvivesUnchanged() throws Exception {
        String key = key("long");
        String value = randomText(4096);

        store().put(key, value);

        assertThat(store().get(key)).contains(value);
    }

    @Test
    void aLongValueWithCharactersOutsideTheBasicPlaneSurvivesUnchanged() throws Exception {
        String key = key("long-emoji");
        // the leading "a" puts a surrogate pair across every 1,000-character boundary
        String value = "a" + "😀".repeat(2048);

        store().put(key, value);

        assertThat(store().get(key)).contains(value);
    }

    @Test
    void aLongValueCanBeReplacedByAShortOneAndBack() throws Exception {
        String key = key("shrinking");
        String longValue = randomText(4096);
        store().put(key, longValue);

        store().put(key, "short");
        assertThat(store().get(key)).contains("short");

        store().put(key, longValue);
        assertThat(store().get(key)).contains(longValue);

        store().delete(key);
        assertThat(store().get(key)).isEmpty();
    }

    @Test
    void aKeyOutsideTheAllowedCharactersIsRefused() {
        assertThatThrownBy(() -> store().put("has#hash", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().get("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().delete("with space")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesWhereSecretsAreKept() {
        assertThat(store().description()).isNotBlank();
    }

    static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return text.substring(0, length);
    }
}
