package io.flashstation.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** adiv5-swd-jtag.md §4.5: SELECT carries APSEL in bits 31:24 and the AP register bank in bits 7:4. */
class SelectTrackerTest {

    private final SelectTracker tracker = new SelectTracker();

    @Test
    void writesSelectOnlyWhenTheApOrBankChanges() {
        assertThat(tracker.selectFor(0, 0x04)).hasValue(0x00000000);
        assertThat(tracker.selectFor(0, 0x0C)).isEmpty(); // CSW, TAR, DRW share bank 0
        assertThat(tracker.selectFor(0, 0xFC)).hasValue(0x000000F0); // IDR lives in bank 0xF
        assertThat(tracker.selectFor(1, 0xFC)).hasValue(0x010000F0);
        assertThat(tracker.selectFor(0xFF, 0x10)).hasValue(0xFF000010);
    }

    @Test
    void invalidatingForcesTheNextWrite() {
        tracker.selectFor(0, 0x00);
        tracker.invalidate();
        assertThat(tracker.selectFor(0, 0x00)).hasValue(0);
    }

    @Test
    void refusesAddressesNoApHas() {
        assertThatThrownBy(() -> tracker.selectFor(0, 0x102)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tracker.selectFor(256, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
