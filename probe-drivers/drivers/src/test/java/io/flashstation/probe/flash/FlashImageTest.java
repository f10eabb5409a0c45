package io.flashstation.probe.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.target.ImageSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlashImageTest {

    @Test
    void segmentsAreSortedByAddress() {
        FlashImage image = FlashImage.ofSegments(List.of(new ImageSegment(0x0801_0000, new byte[8]),
                new ImageSegment(0x0800_0000, new byte[4])));
        assertThat(image.segments()).extracting(ImageSegment::address).containsExactly(0x0800_0000, 0x0801_0000);
        assertThat(image.size()).isEqualTo(12);
    }

    @Test
    void overlappingOrEmptySegmentsAreRefused() {
        assertThatThrownBy(() -> FlashImage.ofSegments(List.of(new ImageSegment(0x0800_0000, new byte[8]),
                new ImageSegment(0x0800_0004, new byte[8])))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlashImage.of(0x0800_0000, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlashImage.ofSegments(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
