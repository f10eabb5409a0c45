package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbAccessDeniedException;
import io.flashstation.usb.UsbBusyException;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbTimeoutException;
import org.usb4java.LibUsb;

/**
 * Turns libusb's negative return codes into the seam's typed exceptions (quarkus-usb4java.md §7.7, §7.8).
 * The LibUsb constants used here are compile-time constants, so this class never loads the native library.
 */
final class LibUsbErrors {

    /** What a station operator should do when the kernel refuses access to a probe (quarkus-usb4java.md §8). */
    static final String UDEV_HINT = "install the flash-station udev rule (70-flash-station.rules: GROUP of the"
            + " station user, MODE=\"0660\"), reload udev and re-plug the probe";

    private LibUsbErrors() {
    }

    /**
     * The exception for a failed call that moves no data (open, claim, detach).
     *
     * @param operation what was attempted, naming the device, e.g. "claim interface 0 of 0483:3748 at 1-2"
     */
    static UsbException failure(int code, String operation) {
        return switch (code) {
            case LibUsb.ERROR_NO_DEVICE -> new UsbDeviceGoneException(operation + ": the device has left the bus");
            case LibUsb.ERROR_TIMEOUT -> new UsbTimeoutException(operation + ": timed out");
            case LibUsb.ERROR_BUSY -> new UsbBusyException(operation + ": in use by another program"
                    + " (OpenOCD, another station instance, an IDE) or a kernel driver that would not let go");
            case LibUsb.ERROR_ACCESS -> new UsbAccessDeniedException(operation + ": permission denied; " + UDEV_HINT);
            case LibUsb.ERROR_PIPE -> new UsbException(operation + ": endpoint stalled (" + name(code) + ")");
            case LibUsb.ERROR_OVERFLOW -> new UsbException(operation
                    + ": the device sent more data than the buffer holds (" + name(code) + ")");
            default -> new UsbException(operation + " failed: " + name(code));
        };
    }

    /**
     * The exception for a failed transfer. A timeout keeps the count of bytes that did move, because libusb may
     * complete part of a transfer before the timeout expires (quarkus-usb4java.md §7.4).
     */
    static UsbException transferFailure(int code, String operation, int transferred, int requested,
                                        long timeoutMillis) {
        if (code == LibUsb.ERROR_TIMEOUT) {
            return new UsbTimeoutException(String.format("%s: timed out after %d ms with %d of %d bytes moved",
                    operation, timeoutMillis, transferred, requested));
        }
        return failure(code, operation);
    }

    /** libusb's symbolic name of an error code, with the number, e.g. "LIBUSB_ERROR_IO (-1)". */
    static String name(int code) {
        String symbol = switch (code) {
            case LibUsb.SUCCESS -> "LIBUSB_SUCCESS";
            case LibUsb.ERROR_IO -> "LIBUSB_ERROR_IO";
            case LibUsb.ERROR_INVALID_PARAM -> "LIBUSB_ERROR_INVALID_PARAM";
            case LibUsb.ERROR_ACCESS -> "LIBUSB_ERROR_ACCESS";
            case LibUsb.ERROR_NO_DEVICE -> "LIBUSB_ERROR_NO_DEVICE";
            case LibUsb.ERROR_NOT_FOUND -> "LIBUSB_ERROR_NOT_FOUND";
            case LibUsb.ERROR_BUSY -> "LIBUSB_ERROR_BUSY";
            case LibUsb.ERROR_TIMEOUT -> "LIBUSB_ERROR_TIMEOUT";
            case LibUsb.ERROR_OVERFLOW -> "LIBUSB_ERROR_OVERFLOW";
            case LibUsb.ERROR_PIPE -> "LIBUSB_ERROR_PIPE";
            case LibUsb.ERROR_INTERRUPTED -> "LIBUSB_ERROR_INTERRUPTED";
            case LibUsb.ERROR_NO_MEM -> "LIBUSB_ERROR_NO_MEM";
            case LibUsb.ERROR_NOT_SUPPORTED -> "LIBUSB_ERROR_NOT_SUPPORTED";
            case LibUsb.ERROR_OTHER -> "LIBUSB_ERROR_OTHER";
            default -> "unknown libusb error";
        };
        return symbol + " (" + code + ")";
    }
}
