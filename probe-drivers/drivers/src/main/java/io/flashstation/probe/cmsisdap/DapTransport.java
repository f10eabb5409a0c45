package io.flashstation.probe.cmsisdap;

import io.flashstation.usb.HostClock;
import io.flashstation.usb.UsbException;

/** How command packets travel to a CMSIS-DAP probe and answers come back: HID reports (v1) or bulk transfers (v2). */
interface DapTransport {

    /** Sends one command packet. */
    void send(byte[] command) throws UsbException;

    /** Waits for the next answer packet (HID answers keep their padding). */
    byte[] receive() throws UsbException;

    /** Packets may be this large from now on (DAP_Info 0xFF). */
    void usePacketSize(int packetSize);

    HostClock clock();

    void close();
}
