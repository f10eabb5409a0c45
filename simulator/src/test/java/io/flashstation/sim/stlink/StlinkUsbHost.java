package io.flashstation.sim.stlink;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbLink;
import io.flashstation.usb.UsbException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The host side of a test: talks to a virtual ST-Link over the virtual bus with command blocks written out byte
 * by byte from stlink.md, independently of the firmware's own encoding.
 */
final class StlinkUsbHost implements AutoCloseable {

    final VirtualUsbBus bus = new VirtualUsbBus();
    final VirtualStlink probe;
    final VirtualUsbLink link;

    StlinkUsbHost(StlinkModel model, Fixture fixture) throws UsbException {
        probe = new VirtualStlink(model, "0668FF505271754867183630", fixture);
        link = bus.openVirtual(bus.plug(probe, "1-1"));
        link.claimInterface(0);
    }

    /** A 16-byte command block from its leading bytes. */
    static byte[] cmd(int... bytes) {
        byte[] block = new byte[16];
        for (int i = 0; i < bytes.length; i++) {
            block[i] = (byte) bytes[i];
        }
        return block;
    }

    /** A memory command block: F2 sub, address, length, AP 0, CSW 0. */
    static byte[] memoryCommand(int sub, int address, int length) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0xF2).put((byte) sub).putInt(address).putShort((short) length);
        return b.array();
    }

    /** Sends a command and reads a reply of the length the host expects for it. */
    byte[] exchange(byte[] command, int replyLength) throws UsbException {
        link.bulkTransfer(probe.model().outEndpoint(), command, 0, 16, 1000);
        byte[] reply = new byte[replyLength];
        int got = link.bulkTransfer(0x81, reply, 0, replyLength, 1000);
        return Arrays.copyOf(reply, got);
    }

    /** Sends a command with a data-out phase and no reply. */
    void send(byte[] command, byte[] data) throws UsbException {
        link.bulkTransfer(probe.model().outEndpoint(), command, 0, 16, 1000);
        if (data.length > 0) {
            link.bulkTransfer(probe.model().outEndpoint(), data, 0, data.length, 1000);
        }
    }

    static int u32(byte[] b, int offset) {
        return ByteBuffer.wrap(b, offset, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Override
    public void close() {
        link.close();
        bus.close();
    }
}
