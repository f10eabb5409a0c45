package io.flashstation.sim.jlink;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual SEGGER J-Link OB (1366:0101) wired to a fixture: a full-speed device with one vendor-specific bulk
 * interface, answering the J-Link command set byte for byte and bit-banging SWD into whatever board sits in
 * the fixture (jlink.md). Commands run in order in the probe's virtual time, each starting when it has fully
 * arrived and the previous one is done (TIMING.md §3).
 */
public final class VirtualJLink implements VirtualUsbDevice {

    /** SEGGER's vendor ID. */
    public static final int VENDOR_ID = 0x1366;
    /** "J-Link, USB address 0": the PID of OB probes and the clone alike, and one libjaylink looks for (§1.1). */
    public static final int PRODUCT_ID = 0x0101;
    /** Full-speed bulk packets, as every STM32F103-class OB has (§1.2). */
    public static final int MAX_PACKET = 64;

    private final JLinkProfile profile;
    private final TargetCable cable;
    private final JLinkFirmware firmware;
    private final CommandAssembler assembler;
    private final InTransferQueue answers = new InTransferQueue(MAX_PACKET);
    private final List<Integer> unknownOpcodes = new ArrayList<>();
    private long busyUntil;

    public VirtualJLink(JLinkProfile profile, Fixture fixture) {
        this.profile = profile;
        this.cable = new TargetCable(fixture);
        this.firmware = new JLinkFirmware(profile, cable);
        this.assembler = new CommandAssembler(unknownOpcodes::add);
    }

    @Override
    public DeviceDescriptor descriptor() {
        UsbInterfaceInfo bulk = new UsbInterfaceInfo(0, 0,
                UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC, 0xFF, 0xFF, null,
                List.of(new UsbEndpointInfo(profile.inEndpoint(), UsbTransferType.BULK, MAX_PACKET, 0),
                        new UsbEndpointInfo(profile.outEndpoint(), UsbTransferType.BULK, MAX_PACKET, 0)));
        return new DeviceDescriptor(VENDOR_ID, PRODUCT_ID, 0x0100, profile.serial(), "SEGGER", "J-Link",
                UsbSpeed.FULL, List.of(bulk));
    }

    @Override
    public LinkTiming linkTiming() {
        return LinkTiming.BULK_FULL_SPEED;
    }

    @Override
    public synchronized void receive(int endpoint, byte[] data, long arrivalNanos) {
        if (endpoint != profile.outEndpoint()) {
            throw new IllegalArgumentException(String.format("no OUT endpoint 0x%02x on this J-Link", endpoint));
        }
        assembler.append(data);
        for (CommandFrame command = assembler.next(); command != null; command = assembler.next()) {
            long start = Math.max(arrivalNanos, busyUntil);
            Reply reply = firmware.execute(command, start);
            busyUntil = reply.endNanos();
            for (byte[] transfer : reply.transfers()) {
                answers.add(transfer, reply.endNanos());
            }
        }
    }

    @Override
    public synchronized InTransfer nextIn(int endpoint) {
        return endpoint == profile.inEndpoint() ? answers.poll() : null;
    }

    /** The J-Link interface has no vendor control requests; anything beyond the standard ones stalls. */
    @Override
    public byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos) {
        throw new UnsupportedOperationException("J-Link stalls control request " + setup);
    }

    @Override
    public synchronized void opened(long nanos) {
        busyUntil = Math.max(busyUntil, nanos);
        cable.sessionOpened(busyUntil);
    }

    @Override
    public synchronized void closed(long nanos) {
        busyUntil = Math.max(busyUntil, nanos);
        cable.sessionClosed(busyUntil);
    }

    /** The profile this probe was built from. */
    public JLinkProfile profile() {
        return profile;
    }

    /** The interface 0xCF bits go to now (SELECT_TIF). */
    public synchronized TargetInterface selectedInterface() {
        return firmware.selectedInterface();
    }

    /** The SWCLK frequency the probe generates now. */
    public synchronized long clockHz() {
        return firmware.clockHz();
    }

    /** When the probe finishes the last command it received. */
    public synchronized long busyUntil() {
        return busyUntil;
    }

    /**
     * Opcodes received that this firmware cannot frame, in order. Each one made the probe drop the bytes
     * buffered with it and answer nothing (real behaviour UNCONFIRMED, jlink.md §9).
     */
    public synchronized List<Integer> unknownOpcodes() {
        return List.copyOf(unknownOpcodes);
    }
}
