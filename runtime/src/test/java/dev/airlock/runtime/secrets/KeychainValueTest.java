package dev.airlock.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.runtime.secrets.KeychainValue.Head;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeychainValueTest {

    @Test
    void anEntryWrittenByAnotherProgramIsTakenAsTheWholeValue() {
        assertThat(KeychainValue.read("plain secret")).isEqualTo(new Head.Whole("plain secret"));
        assertThat(KeychainValue.read("+not a number")).isEqualTo(new Head.Whole("+not a number"));
        assertThat(KeychainValue.read("+0")).isEqualTo(new Head.Whole("+0"));
    }

    @Test
    void headsRoundTrip() {
        assertThat(KeychainValue.read(KeychainValue.whole("+3"))).isEqualTo(new Head.Whole("+3"));
        assertThat(KeychainValue.read(KeychainValue.parts(3))).isEqualTo(new Head.Parts(3));
    }

    @Test
    void partsStayUnderTheWindowsLimitAndJoinToTheValue() {
        String value = "a" + "😀".repeat(2048);

        List<String> parts = KeychainValue.split(value);

        assertThat(String.join("", parts)).isEqualTo(value);
        assertThat(parts).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(KeychainValue.MAX_ENTRY_CHARS);
            // 2,560 bytes is Credential Manager's limit per entry, in UTF-16
            assertThat(part.getBytes(java.nio.charset.StandardCharsets.UTF_16LE))
                    .hasSizeLessThanOrEqualTo(2560);
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1)))
                    .isFalse();
        });
    }

    @Test
    void aValueTooLongForTheKeychainIsRefused() {
        assertThatThrownBy(() -> KeychainValue.split("x".repeat(KeychainValue.MAX_PARTS * 1000 + 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
