package io.flashstation.station.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.target.ImageSegment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CIRCUITPY policy on an image laid out as CircuitPython (circuitpython-blackpill.md §4). */
class CircuitPyLayoutTest {

    private static final int BASE = 0x0800_0000;

    /** Sector 0 code, a zero hole over sectors 1–3, firmware from 0x08010000. */
    private static FlashImage layout() {
        byte[] bytes = new byte[0x1_8000];
        Arrays.fill(bytes, 0, 0x4000, (byte) 0x11);
        Arrays.fill(bytes, 0x1_0000, bytes.length, (byte) 0x22);
        return FlashImage.of(BASE, bytes);
    }

    @Test
    void writeKeepsTheImageAsItIs() {
        FlashImage image = layout();
        assertThat(CircuitPyLayout.apply(CircuitPyPolicy.WRITE, image)).isSameAs(image);
    }

    @Test
    void eraseCutsTheHoleOutAndErasesIt() {
        FlashImage erased = CircuitPyLayout.apply(CircuitPyPolicy.ERASE, layout());
        assertThat(erased.segments()).extracting(ImageSegment::address, ImageSegment::length)
                .containsExactly(tuple(BASE, 0x4000),
                        tuple(BASE + 0x1_0000, 0x8000));
        assertThat(erased.eraseOnly()).containsExactly(CircuitPyLayout.FILESYSTEM);
    }

    @Test
    void preserveCutsTheHoleOutAndLeavesItAlone() {
        FlashImage preserved = CircuitPyLayout.apply(CircuitPyPolicy.PRESERVE, layout());
        assertThat(preserved.segments()).hasSize(2);
        assertThat(preserved.eraseOnly()).isEmpty();
        // verification covers exactly what is written: nothing of the filesystem range
        assertThat(preserved.segments()).noneMatch(s -> CircuitPyLayout.FILESYSTEM.overlaps(s.address(), s.length()));
    }

    @Test
    void anImageWithDataInTheFilesystemRangeIsNotCut() {
        byte[] bytes = new byte[0x1_0000];
        bytes[0x5000] = 1;
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CircuitPyLayout.apply(CircuitPyPolicy.PRESERVE, FlashImage.of(BASE, bytes)))
                .withMessageContaining("0x08005000").withMessageContaining("station.policy.circuitpy");
    }

    @Test
    void anImageEndingInsideTheHoleKeepsOnlyWhatLiesOutside() {
        byte[] bytes = new byte[0x6000];
        Arrays.fill(bytes, 0, 0x4000, (byte) 0x33);
        FlashImage cut = CircuitPyLayout.apply(CircuitPyPolicy.ERASE, FlashImage.of(BASE, bytes));
        assertThat(cut.segments()).extracting(ImageSegment::length).isEqualTo(List.of(0x4000));
    }
}
