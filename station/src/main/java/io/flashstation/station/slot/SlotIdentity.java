package io.flashstation.station.slot;

/**
 * Who a slot is: its name and the probe behind it.
 *
 * @param name        the slot's name
 * @param probeKind   the probe class id
 * @param probeSerial the probe's serial as printable text
 * @param portPath    the USB port path
 */
public record SlotIdentity(String name, String probeKind, String probeSerial, String portPath) {
}
