package io.flashstation.firmware.digest;

import io.flashstation.firmware.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Digests as pins carry them: 64 hex digits, case-insensitive on input, lower case always. */
class Sha256Test {

    @TempDir
    Path dir;

    @Test
    void theSharedImageHasTheDigestItsReadmeGives() throws Exception {
        Path file = Files.write(dir.resolve("cp.bin"), TestImages.circuitPythonLayout());

        // shared/images/README.md
        assertThat(Sha256.of(file).hex()).isEqualTo(TestImages.LAYOUT_SHA256);
        assertThat(Sha256.of(TestImages.circuitPythonLayout())).isEqualTo(Sha256.of(file));
    }

    @Test
    void upperCaseInputIsTheSameDigest() {
        assertThat(Sha256.parse(TestImages.LAYOUT_SHA256.toUpperCase())).isEqualTo(Sha256.parse(TestImages.LAYOUT_SHA256));
        assertThat(Sha256.parse(TestImages.LAYOUT_SHA256).shortForm()).isEqualTo("77cf3561945a");
    }

    @Test
    void anythingButSixtyFourHexDigitsIsRefused() {
        assertThatThrownBy(() -> Sha256.parse("77cf")).hasMessageStartingWith("not a sha256 digest");
        assertThatThrownBy(() -> Sha256.parse(TestImages.LAYOUT_SHA256.replace('7', 'g')))
                .hasMessageStartingWith("not a sha256 digest");
    }
}
