package io.flashstation.station.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.station.config.SlotConfig;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbSpeed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Slot names: printable unique serials, else the USB port (issue 6), and configuration by either key. */
class SlotNamingTest {

    private static UsbDeviceInfo probe(String serial, String port) {
        return new UsbDeviceInfo(0x0483, 0x3748, 0x0100, serial, "STMicroelectronics", "STM32 STLink", port, 1, 5,
                UsbSpeed.FULL, List.of());
    }

    @Test
    void aPrintableUniqueSerialNamesTheSlot() {
        assertThat(SlotNaming.key(probe("066D37485051717867180001", "1-2"), List.of(probe("OTHER", "1-3"))))
                .isEqualTo("066D37485051717867180001");
    }

    @Test
    void clonesSharingASerialAreNamedByPort() {
        UsbDeviceInfo first = probe("AAAAAAAAAAAA", "1-2");
        assertThat(SlotNaming.key(probe("AAAAAAAAAAAA", "1-3"), List.of(first))).isEqualTo("port-1-3");
    }

    @Test
    void aBinaryOrMissingSerialIsNamedByPort() {
        assertThat(SlotNaming.key(probe("\u0002\u00ffR\u0006", "1-4.2"), List.of())).isEqualTo("port-1-4.2");
        assertThat(SlotNaming.key(probe("", "1-5"), List.of())).isEqualTo("port-1-5");
    }

    @Test
    void theConfigurationMayNameASlotBySerialOrByPort() {
        SlotConfig named = new SlotConfig(Optional.of("Bench 1 left"), true, Optional.empty());
        SlotConfig off = new SlotConfig(Optional.empty(), false, Optional.empty());
        Map<String, SlotConfig> configured = Map.of("066D37485051717867180001", named, "port-1-7", off);
        assertThat(SlotNaming.config("066D37485051717867180001", probe("066D37485051717867180001", "1-2"), configured))
                .isEqualTo(named);
        assertThat(SlotNaming.config("SOMESERIAL", probe("SOMESERIAL", "1-7"), configured)).isEqualTo(off);
        assertThat(SlotNaming.config("SOMESERIAL", probe("SOMESERIAL", "1-8"), configured))
                .isEqualTo(SlotConfig.DEFAULT);
    }
}
