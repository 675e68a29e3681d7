package dev.airlock.icons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airlock.icons.Icons.TrayVariant;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IconsTest {

    @Test
    void everyAppIconIsAPngOfItsSize() throws IOException {
        for (int size : Icons.APP_SIZES) {
            assertThat(pngSize(Icons.url(Icons.app(size)))).as("app %d", size).containsExactly(size, size);
        }
    }

    @ParameterizedTest
    @EnumSource(TrayVariant.class)
    void everyTrayIconIsAPngOfItsSize(TrayVariant variant) throws IOException {
        for (int size : Icons.TRAY_SIZES) {
            assertThat(pngSize(Icons.url(Icons.tray(variant, size))))
                    .as("%s %d", variant, size)
                    .containsExactly(size, size);
        }
    }

    @Test
    void pathsNameTheStateAndSize() {
        assertThat(Icons.tray(TrayVariant.SIGNED_OUT, 22)).isEqualTo("dev/airlock/icons/tray-signed-out-22.png");
        assertThat(Icons.app(256)).isEqualTo("dev/airlock/icons/app-256.png");
    }

    @Test
    void aSizeThatWasNotRenderedIsRefused() {
        assertThatThrownBy(() -> Icons.tray(TrayVariant.IDLE, 24)).hasMessageContaining("[16, 22, 32, 64]");
        assertThatThrownBy(() -> Icons.app(48)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBestSizeIsTheSmallestThatIsLargeEnough() {
        List<Integer> sizes = Icons.TRAY_SIZES;
        assertThat(Icons.bestSize(sizes, 16)).isEqualTo(16);
        assertThat(Icons.bestSize(sizes, 17)).isEqualTo(22);
        assertThat(Icons.bestSize(sizes, 24)).isEqualTo(32);
        assertThat(Icons.bestSize(sizes, 44)).isEqualTo(64);
        assertThat(Icons.bestSize(sizes, 128)).isEqualTo(64);
    }

    /** Width and height from the PNG header (IHDR), without a toolkit. */
    private static int[] pngSize(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            byte[] header = in.readNBytes(24);
            assertThat(header).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
            ByteBuffer buffer = ByteBuffer.wrap(header);
            return new int[] {buffer.getInt(16), buffer.getInt(20)};
        }
    }
}
