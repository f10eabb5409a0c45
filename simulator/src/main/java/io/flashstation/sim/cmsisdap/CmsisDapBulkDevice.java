package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;

/**
 * A CMSIS-DAP v2 probe: a vendor-class (FF/00/00) interface with bulk OUT then bulk IN (cmsis-dap.md §11.2).
 * Answers go out at their exact length; one that fills whole packets yet is shorter than DAP_PACKET_SIZE is
 * followed by a zero-length packet so that the host's read ends, and no other answer is.
 */
public final class CmsisDapBulkDevice extends CmsisDapUsbDevice {

    private final int maxPacket;
    private final int packetSize;
    private InTransfer zeroLengthPacket;

    public CmsisDapBulkDevice(CmsisDapProbe probe) {
        super(probe, timingFor(probe.identity().speed()), UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC,
                UsbTransferType.BULK, 0);
        this.maxPacket = descriptor().interfaces().get(0).endpoints().get(0).maxPacketSize();
        this.packetSize = probe.identity().packetSize();
    }

    /** A Seeeduino XIAO running DAPLink as CMSIS-DAP v2, full speed ({@link ProbeIdentity#xiaoDaplinkV2}). */
    public static CmsisDapBulkDevice xiaoDaplink(int unit, Fixture fixture) {
        return new CmsisDapBulkDevice(new CmsisDapProbe(ProbeIdentity.xiaoDaplinkV2(unit), fixture));
    }

    /** A MuseLab nanoDAP-HS as CMSIS-DAP v2, high speed ({@link ProbeIdentity#nanoDapHs}). */
    public static CmsisDapBulkDevice nanoDapHs(int unit, Fixture fixture) {
        return new CmsisDapBulkDevice(new CmsisDapProbe(ProbeIdentity.nanoDapHs(unit), fixture));
    }

    @Override
    protected synchronized InTransfer nextFramedAnswer() {
        if (zeroLengthPacket != null) {
            InTransfer zlp = zeroLengthPacket;
            zeroLengthPacket = null;
            return zlp;
        }
        CmsisDapProbe.Answer answer = probe().nextAnswer();
        if (answer == null) {
            return null;
        }
        int length = answer.data().length;
        if (length % maxPacket == 0 && length < packetSize) {
            zeroLengthPacket = new InTransfer(new byte[0], answer.readyNanos());
        }
        return new InTransfer(answer.data(), answer.readyNanos());
    }

    private static LinkTiming timingFor(UsbSpeed speed) {
        return speed == UsbSpeed.HIGH ? LinkTiming.BULK_HIGH_SPEED : LinkTiming.BULK_FULL_SPEED;
    }
}
