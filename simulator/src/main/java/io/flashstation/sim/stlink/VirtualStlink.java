package io.flashstation.sim.stlink;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbTransferType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * A virtual ST-Link on the virtual USB bus (stlink.md §1): 16-byte command blocks and their data-out phases
 * arrive on the OUT endpoint in USB packets, the firmware runs each command once it is complete, and replies
 * queue on IN endpoint 0x81 with the probe-clock instant they were ready. The probe keeps one clock of its own;
 * a command starts at max(arrival, end of the previous one) (TIMING.md §3).
 */
public final class VirtualStlink implements VirtualUsbDevice {

    private static final String MANUFACTURER = "STMicroelectronics";
    /** bcdDevice of ST-Link probes. */
    private static final int DEVICE_VERSION_BCD = 0x0100;

    private final StlinkModel model;
    private final String serial;
    private final Fixture fixture;
    private final TargetCable cable;
    private final StlinkFirmware firmware;
    private final Deque<InTransfer> replies = new ArrayDeque<>();
    private byte[] pendingCommand;
    private final ByteArrayOutputStream pendingData = new ByteArrayOutputStream();
    private int pendingDataLength;

    /**
     * @param serial the iSerialNumber string: 24 hex digits on current firmware, or the 12 raw bytes (as ISO-8859-1
     *               characters) that old and cloned V2 firmware report (see {@link #binarySerial})
     */
    public VirtualStlink(StlinkModel model, String serial, Fixture fixture) {
        this.model = Objects.requireNonNull(model, "model");
        this.serial = Objects.requireNonNull(serial, "serial");
        this.fixture = Objects.requireNonNull(fixture, "fixture");
        this.cable = new TargetCable(fixture);
        this.firmware = new StlinkFirmware(model, cable);
    }

    /** The serial string of firmware that reports its 12-byte unique ID raw instead of as hex (stlink.md §1). */
    public static String binarySerial(byte[] raw) {
        if (raw.length != 12) {
            throw new IllegalArgumentException("a binary ST-Link serial has 12 bytes, not " + raw.length);
        }
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    public StlinkModel model() {
        return model;
    }

    public String serial() {
        return serial;
    }

    /** The fixture this probe's cable reaches. */
    public Fixture fixture() {
        return fixture;
    }

    /** The probe's own virtual time. */
    public synchronized long nanos() {
        return cable.probeClock().nanos();
    }

    @Override
    public DeviceDescriptor descriptor() {
        int packet = model.linkTiming().maxPacket();
        UsbInterfaceInfo debug = new UsbInterfaceInfo(0, 0, UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC, 0xFF, 0xFF,
                "ST-Link Debug", List.of(
                        new UsbEndpointInfo(model.inEndpoint(), UsbTransferType.BULK, packet, 0),
                        new UsbEndpointInfo(model.outEndpoint(), UsbTransferType.BULK, packet, 0),
                        new UsbEndpointInfo(model.traceEndpoint(), UsbTransferType.BULK, packet, 0)));
        return new DeviceDescriptor(StlinkModel.VENDOR_ID, model.productId(), DEVICE_VERSION_BCD, serial,
                MANUFACTURER, model.product(), model.speed(), List.of(debug));
    }

    @Override
    public LinkTiming linkTiming() {
        return model.linkTiming();
    }

    @Override
    public synchronized void receive(int endpoint, byte[] data, long arrivalNanos) {
        if (endpoint != model.outEndpoint()) {
            return; // nothing listens there: the packet is dropped as firmware would
        }
        cable.probeClock().advanceTo(arrivalNanos);
        if (pendingCommand == null) {
            pendingCommand = Arrays.copyOf(data, StlinkFirmware.COMMAND_BLOCK_BYTES);
            pendingDataLength = firmware.dataOutLength(pendingCommand);
            pendingData.reset();
        } else {
            pendingData.write(data, 0, Math.min(data.length, pendingDataLength - pendingData.size()));
        }
        if (pendingData.size() >= pendingDataLength) {
            byte[] command = pendingCommand;
            pendingCommand = null;
            byte[] reply = firmware.execute(command, pendingData.toByteArray());
            if (reply != null) {
                replies.add(new InTransfer(reply, cable.probeClock().nanos()));
            }
        }
    }

    @Override
    public synchronized InTransfer nextIn(int endpoint) {
        return endpoint == model.inEndpoint() ? replies.poll() : null;
    }

    /** The debug interface needs no class or vendor control requests; the lab stalls them all. */
    @Override
    public byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos) {
        throw new UnsupportedOperationException("ST-Link debug firmware stalls control request " + setup);
    }

    @Override
    public synchronized void opened(long nanos) {
        cable.probeClock().advanceTo(nanos);
        cable.hostSessionStarted();
    }

    /** A new host starts clean: half-received commands and unread replies of the old one are dropped. */
    @Override
    public synchronized void closed(long nanos) {
        cable.probeClock().advanceTo(nanos);
        cable.hostSessionEnded();
        pendingCommand = null;
        replies.clear();
    }
}
