package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbAccessDeniedException;
import io.flashstation.usb.UsbBusyException;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** libusb return codes to the seam's exceptions: quarkus-usb4java.md §7.7 and the code table in §7.8. */
class LibUsbErrorsTest {

    private static final String OP = "claim interface 0 of 0483:3748 at 1-2";

    @Test
    void noDeviceMeansTheDeviceLeft() {
        // §7.7: unplug surfaces as ERROR_NO_DEVICE (-4)
        assertThat(LibUsbErrors.failure(-4, OP))
                .isExactlyInstanceOf(UsbDeviceGoneException.class)
                .hasMessageStartingWith(OP);
    }

    @Test
    void busyNamesTheLikelyHolders() {
        // §7.3: ERROR_BUSY (-6) on claim = another program holds the interface
        assertThat(LibUsbErrors.failure(-6, OP))
                .isExactlyInstanceOf(UsbBusyException.class)
                .hasMessageContaining("OpenOCD");
    }

    @Test
    void accessDeniedCarriesTheUdevHint() {
        // §7.8: ERROR_ACCESS (-3) = udev rule missing (§8)
        assertThat(LibUsbErrors.failure(-3, OP))
                .isExactlyInstanceOf(UsbAccessDeniedException.class)
                .hasMessageContaining("udev rule")
                .hasMessageContaining("MODE=\"0660\"");
    }

    @Test
    void pipeIsAStalledEndpoint() {
        // §7.7: ERROR_PIPE (-9) = endpoint stall
        assertThat(LibUsbErrors.failure(-9, OP))
                .isExactlyInstanceOf(UsbException.class)
                .hasMessageContaining("endpoint stalled");
    }

    @Test
    void overflowSaysTheDeviceSentTooMuch() {
        // §7.7: ERROR_OVERFLOW (-8) = device sent more than the buffer
        assertThat(LibUsbErrors.failure(-8, OP))
                .isExactlyInstanceOf(UsbException.class)
                .hasMessageContaining("more data than the buffer");
    }

    @Test
    void otherCodesArePlainFailuresWithTheirName() {
        // §7.8: ERROR_IO (-1); and an unknown code must not be lost
        assertThat(LibUsbErrors.failure(-1, OP))
                .isExactlyInstanceOf(UsbException.class)
                .hasMessage(OP + " failed: LIBUSB_ERROR_IO (-1)");
        assertThat(LibUsbErrors.failure(-42, OP)).hasMessageContaining("(-42)");
    }

    @Test
    void timedOutTransferKeepsTheBytesThatMoved() {
        // §7.4: a timeout may follow partial completion; libusb keeps the data that moved
        UsbException e = LibUsbErrors.transferFailure(-7, "bulk IN transfer on endpoint 0x81", 12, 64, 250);
        assertThat(e).isExactlyInstanceOf(UsbTimeoutException.class)
                .hasMessage("bulk IN transfer on endpoint 0x81: timed out after 250 ms with 12 of 64 bytes moved");
    }

    @Test
    void failedTransferOtherThanTimeoutMapsLikeAnyCall() {
        // §7.7: NO_DEVICE mid-transfer is terminal for the session
        assertThat(LibUsbErrors.transferFailure(-4, "bulk OUT transfer", 0, 64, 250))
                .isExactlyInstanceOf(UsbDeviceGoneException.class);
    }

    @Test
    void namesFollowTheTable() {
        // §7.8 table, including ERROR_OTHER seen when exit raced the event loop
        assertThat(LibUsbErrors.name(0)).isEqualTo("LIBUSB_SUCCESS (0)");
        assertThat(LibUsbErrors.name(-5)).isEqualTo("LIBUSB_ERROR_NOT_FOUND (-5)");
        assertThat(LibUsbErrors.name(-10)).isEqualTo("LIBUSB_ERROR_INTERRUPTED (-10)");
        assertThat(LibUsbErrors.name(-12)).isEqualTo("LIBUSB_ERROR_NOT_SUPPORTED (-12)");
        assertThat(LibUsbErrors.name(-99)).isEqualTo("LIBUSB_ERROR_OTHER (-99)");
    }
}
