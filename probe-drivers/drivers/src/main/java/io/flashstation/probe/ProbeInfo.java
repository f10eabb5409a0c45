package io.flashstation.probe;

import io.flashstation.usb.UsbDeviceInfo;

/**
 * What a driver learned about an opened probe.
 *
 * @param kind            the probe class
 * @param serial          the serial as the probe reports it (may be unprintable on clones)
 * @param firmwareVersion the firmware version string as the probe reports it
 * @param usb             the USB identity it was opened from
 * @param maxSwdHz        the fastest SWD clock this probe can drive
 */
public record ProbeInfo(ProbeKind kind, String serial, String firmwareVersion, UsbDeviceInfo usb, long maxSwdHz) {
}
