package io.flashstation.usb;

/**
 * One endpoint of an interface.
 *
 * @param address       bEndpointAddress, bit 7 set for IN (device to host)
 * @param type          transfer type
 * @param maxPacketSize wMaxPacketSize (payload bytes per packet)
 * @param interval      bInterval as declared (frames or microframes for interrupt endpoints)
 */
public record UsbEndpointInfo(int address, UsbTransferType type, int maxPacketSize, int interval) {

    /** True for an IN endpoint. */
    public boolean isIn() {
        return (address & 0x80) != 0;
    }
}
