package io.flashstation.sim.stlink;

import static io.flashstation.sim.bytes.LittleEndian.putU16;
import static io.flashstation.sim.bytes.LittleEndian.putU32;
import static io.flashstation.sim.bytes.LittleEndian.u32;
import static io.flashstation.sim.bytes.LittleEndian.u8;

import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbTimeoutException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One client of the stlink-server endpoint: reads requests whose length follows from their command byte,
 * answers each with exactly the bytes stlink.md §10.2 gives, in one write. ST-Link commands wrapped in
 * SEND_USB_CMD are forwarded over the probe's USB link, so the USB model is charged for them.
 */
final class StlinkServerSession {

    private static final int REFRESH_DEVICE_LIST = 0x00;
    private static final int GET_NB_DEV = 0x01;
    private static final int GET_DEV_INFO = 0x02;
    private static final int OPEN_DEV = 0x03;
    private static final int CLOSE_DEV = 0x04;
    private static final int SEND_USB_CMD = 0x05;
    private static final int GET_SERVER_VERSION = 0x06;

    private static final int STATUS_OK = 0x0000_0001;
    private static final int STATUS_TIMEOUT = 0x1001;
    private static final int STATUS_BAD_PARAMETER = 0x1002;
    private static final int STATUS_OPEN_ERROR = 0x1003;
    private static final int STATUS_TRUNCATED = 0x1052;
    private static final int STATUS_NOT_AVAILABLE = 0x1053;
    private static final int STATUS_TCP_ERROR = 0x2001;

    /** stlink.md §12 item 4: API 2 gives full-size memory packets without RW_MISC over TCP. */
    private static final int SERVER_API = 2;
    private static final int[] SERVER_VERSION = {2, 1, 1};
    private static final int SERIAL_FIELD_BYTES = 32;
    /** Largest data-out a client may send with one command (10240-byte buffers less the 32-byte header). */
    private static final int MAX_DATA_OUT = 10_208;
    private static final int DIRECTION_WRITE = 0;
    private static final int DIRECTION_READ = 1;
    private static final int DIRECTION_READ_TRACE = 3;
    /** OpenOCD 0.12.0's own USB timeout (LIBUSB_TIMEOUT_MS, stlink.md §11). */
    private static final long USB_TIMEOUT_MILLIS = 6000;

    private final ServedProbes probes;
    private final DataInputStream in;
    private final OutputStream out;
    private final Set<Integer> myConnections = new HashSet<>();
    private List<ServedProbes.Listed> listed;

    StlinkServerSession(ServedProbes probes, InputStream in, OutputStream out) {
        this.probes = probes;
        this.in = new DataInputStream(in);
        this.out = out;
    }

    /** Serves requests until the client hangs up; then closes whatever the client left open. */
    void serve() throws IOException {
        try {
            while (true) {
                int command = in.read();
                if (command < 0) {
                    return;
                }
                byte[] reply = switch (command) {
                    case REFRESH_DEVICE_LIST -> {
                        readRest(1, 2); // byte 1 asks to clear the list first; a re-enumeration does that anyway
                        yield refresh();
                    }
                    case GET_NB_DEV -> deviceCount();
                    case GET_DEV_INFO -> deviceInfo(readRest(1, 8));
                    case OPEN_DEV -> open(readRest(1, 8));
                    case CLOSE_DEV -> close(readRest(1, 8));
                    case SEND_USB_CMD -> sendUsbCommand(readRest(1, 32));
                    case GET_SERVER_VERSION -> {
                        readRest(1, 4); // byte 1 is the client's API version; every client gets the same answer
                        yield serverVersion();
                    }
                    default -> throw new IOException("unknown stlink-server command 0x" + Integer.toHexString(command)
                            + ": its length is unknown, so the stream cannot be followed");
                };
                out.write(reply);
                out.flush();
            }
        } catch (EOFException e) {
            // the client hung up mid-request
        } finally {
            myConnections.forEach(probes::close);
        }
    }

    private byte[] readRest(int alreadyRead, int total) throws IOException {
        byte[] request = new byte[total];
        in.readFully(request, alreadyRead, total - alreadyRead);
        return request;
    }

    private byte[] refresh() {
        try {
            listed = probes.refresh();
            return statusOnly(STATUS_OK);
        } catch (UsbException e) {
            listed = List.of();
            return statusOnly(STATUS_TCP_ERROR);
        }
    }

    /** GET_NB_DEV answers the count alone, no status word (stlink.md §10.2). */
    private byte[] deviceCount() {
        byte[] reply = new byte[4];
        putU32(reply, 0, devices().size());
        return reply;
    }

    /** GET_DEV_INFO: status, device id, 32-byte serial, VID, PID, in-use flag (45 bytes). */
    private byte[] deviceInfo(byte[] request) {
        byte[] reply = new byte[45];
        int index = u8(request, 1);
        List<ServedProbes.Listed> devices = devices();
        if (index >= devices.size()) {
            putU32(reply, 0, STATUS_BAD_PARAMETER);
            return reply;
        }
        ServedProbes.Listed device = devices.get(index);
        UsbDeviceInfo info = device.info();
        putU32(reply, 0, STATUS_OK);
        putU32(reply, 4, device.deviceId());
        byte[] serial = reportedSerial(info.serial()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(serial, 0, reply, 8, Math.min(serial.length, SERIAL_FIELD_BYTES));
        putU16(reply, 40, info.vendorId());
        putU16(reply, 42, info.productId());
        reply[44] = (byte) (probes.exclusivelyOpen(device.deviceId()) ? 1 : 0);
        return reply;
    }

    /**
     * OPEN_DEV: byte 1 asks for exclusive use when non-zero (our reading; OpenOCD sends 0 and so shares the probe
     * with other clients, which is what the server exists for).
     */
    private byte[] open(byte[] request) {
        boolean exclusive = u8(request, 1) != 0;
        byte[] reply = new byte[8];
        probes.open(u32(request, 4), exclusive).ifPresentOrElse(connectId -> {
            myConnections.add(connectId);
            putU32(reply, 0, STATUS_OK);
            putU32(reply, 4, connectId);
        }, () -> putU32(reply, 0, STATUS_OPEN_ERROR));
        return reply;
    }

    private byte[] close(byte[] request) {
        int connectId = u32(request, 4);
        if (!myConnections.remove(connectId) || !probes.close(connectId)) {
            return statusOnly(STATUS_BAD_PARAMETER);
        }
        return statusOnly(STATUS_OK);
    }

    /** GET_SERVER_VERSION: API, major, minor, build; no status word. */
    private byte[] serverVersion() {
        byte[] reply = new byte[16];
        putU32(reply, 0, SERVER_API);
        for (int i = 0; i < SERVER_VERSION.length; i++) {
            putU32(reply, 4 + 4 * i, SERVER_VERSION[i]);
        }
        return reply;
    }

    /**
     * SEND_USB_CMD: the 16-byte command goes out as one bulk transfer, a data-out phase as a second one, and a
     * read direction collects exactly N bytes from the reply endpoint. The reply is always 4 (+ N) bytes: a short
     * reply would leave the client waiting forever (stlink.md §10.1).
     */
    private byte[] sendUsbCommand(byte[] header) throws IOException {
        int connectId = u32(header, 4);
        int direction = u8(header, 24);
        int size = u32(header, 28);
        if (size < 0 || size > MAX_DATA_OUT && direction == DIRECTION_WRITE) {
            throw new IOException("SEND_USB_CMD with an impossible data size " + Integer.toUnsignedString(size));
        }
        byte[] dataOut = direction == DIRECTION_WRITE ? in.readNBytes(size) : new byte[0];
        if (dataOut.length != (direction == DIRECTION_WRITE ? size : 0)) {
            throw new EOFException();
        }
        int replyData = direction == DIRECTION_WRITE ? 0 : size;
        byte[] reply = new byte[4 + replyData];
        ServedProbes.OpenProbe probe = myConnections.contains(connectId)
                ? probes.byConnection(connectId).orElse(null) : null;
        if (probe == null) {
            putU32(reply, 0, STATUS_BAD_PARAMETER);
            return reply;
        }
        byte[] command = new byte[StlinkFirmware.COMMAND_BLOCK_BYTES];
        System.arraycopy(header, 8, command, 0, command.length);
        putU32(reply, 0, forward(probe, direction, command, dataOut, reply));
        return reply;
    }

    /** One command, data and reply on the USB link, uninterrupted by other clients of the same probe. */
    private int forward(ServedProbes.OpenProbe probe, int direction, byte[] command, byte[] dataOut, byte[] reply) {
        int wanted = reply.length - 4;
        synchronized (probe) {
            try {
                if (direction == DIRECTION_READ_TRACE) {
                    return probe.traceEndpoint < 0 ? STATUS_NOT_AVAILABLE
                            : readFully(probe, probe.traceEndpoint, reply, wanted);
                }
                probe.link.bulkTransfer(probe.outEndpoint, command, 0, command.length, USB_TIMEOUT_MILLIS);
                if (direction == DIRECTION_WRITE) {
                    if (dataOut.length > 0) {
                        probe.link.bulkTransfer(probe.outEndpoint, dataOut, 0, dataOut.length, USB_TIMEOUT_MILLIS);
                    }
                    return STATUS_OK;
                }
                return wanted == 0 ? STATUS_OK : readFully(probe, probe.inEndpoint, reply, wanted);
            } catch (UsbTimeoutException e) {
                return STATUS_TIMEOUT;
            } catch (UsbDeviceGoneException e) {
                return STATUS_OPEN_ERROR;
            } catch (UsbException e) {
                return STATUS_TCP_ERROR;
            }
        }
    }

    private static int readFully(ServedProbes.OpenProbe probe, int endpoint, byte[] reply, int wanted)
            throws UsbException {
        int got = probe.link.bulkTransfer(endpoint, reply, 4, wanted, USB_TIMEOUT_MILLIS);
        return got == wanted ? STATUS_OK : STATUS_TRUNCATED;
    }

    private List<ServedProbes.Listed> devices() {
        if (listed == null) {
            refresh();
        }
        return listed;
    }

    /**
     * The serial as the server reports it: firmware that sends its 12 raw ID bytes gets them as 24 upper-case hex
     * digits, the fixed form OpenOCD compares with (stlink.md §10.4).
     */
    static String reportedSerial(String serial) {
        if (serial == null) {
            return "";
        }
        if (serial.length() != 12) {
            return serial;
        }
        StringBuilder hex = new StringBuilder(24);
        for (char c : serial.toCharArray()) {
            hex.append(String.format("%02X", c & 0xFF));
        }
        return hex.toString();
    }

    private static byte[] statusOnly(int status) {
        byte[] reply = new byte[4];
        putU32(reply, 0, status);
        return reply;
    }
}
