package io.flashstation.probe.jlink;

import io.flashstation.probe.LittleEndian;
import io.flashstation.probe.ProbeException;
import java.nio.charset.StandardCharsets;

/**
 * The J-Link commands this driver sends, byte for byte (jlink.md §2, §3.1): the one place that knows opcodes,
 * request layouts and answer sizes. Integers are little-endian.
 */
final class JlinkCommands {

    private static final int VERSION = 0x01;
    private static final int SET_SPEED = 0x05;
    private static final int GET_HW_STATUS = 0x07;
    private static final int GET_SPEEDS = 0xC0;
    private static final int SELECT_TIF = 0xC7;
    private static final int SWD_IO = 0xCF;
    private static final int GET_FREE_MEMORY = 0xD4;
    private static final int HW_RESET0 = 0xDC;
    private static final int HW_RESET1 = 0xDD;
    private static final int GET_CAPS = 0xE8;
    private static final int GET_EXT_CAPS = 0xED;
    private static final int GET_HW_VERSION = 0xF0;

    /** SELECT_TIF sub-code asking for the mask of available interfaces (§2.6; 0xFE asks for the selected one). */
    private static final int TIF_GET_AVAILABLE = 0xFF;
    private static final int EXT_CAPS_BYTES = 32;
    private static final int HW_STATUS_BYTES = 8;
    /** SWD I/O status 0x06: the probe has not enough free memory for the call (§2.12). */
    private static final int STATUS_NO_MEMORY = 0x06;

    private final JlinkTransport transport;

    JlinkCommands(JlinkTransport transport) {
        this.transport = transport;
    }

    /** VERSION: the firmware string, cut at its first NUL (§2.2). */
    String version() throws ProbeException {
        int length = LittleEndian.u16(transport.exchange(new byte[] {VERSION}, 2), 0);
        byte[] text = transport.read(length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.US_ASCII);
    }

    /** GET_CAPS: the legacy 32-bit capability word. */
    JlinkCapabilities capabilities() throws ProbeException {
        return new JlinkCapabilities(LittleEndian.u32(transport.exchange(new byte[] {(byte) GET_CAPS}, 4), 0));
    }

    /** GET_EXT_CAPS: bits 0–31 of the 256-bit set, which repeat and may extend the legacy word (§2.3). */
    JlinkCapabilities extendedCapabilities() throws ProbeException {
        return new JlinkCapabilities(LittleEndian.u32(transport.exchange(new byte[] {(byte) GET_EXT_CAPS}, EXT_CAPS_BYTES), 0));
    }

    /** GET_HW_VERSION: the decimal-coded word, e.g. 10000 = V1.00 (§2.4). */
    int hardwareVersion() throws ProbeException {
        return LittleEndian.u32(transport.exchange(new byte[] {(byte) GET_HW_VERSION}, 4), 0);
    }

    /** GET_FREE_MEMORY, in bytes (§2.9). */
    long freeMemory() throws ProbeException {
        return Integer.toUnsignedLong(LittleEndian.u32(transport.exchange(new byte[] {(byte) GET_FREE_MEMORY}, 4), 0));
    }

    /** GET_HW_STATUS's VTref, in millivolts (§2.8). */
    int targetMillivolts() throws ProbeException {
        return LittleEndian.u16(transport.exchange(new byte[] {GET_HW_STATUS}, HW_STATUS_BYTES), 0);
    }

    /** SELECT_TIF 0xFF: bit n set when interface n (0 JTAG, 1 SWD, §2.6) is available. */
    int availableInterfaces() throws ProbeException {
        return LittleEndian.u32(transport.exchange(new byte[] {(byte) SELECT_TIF, (byte) TIF_GET_AVAILABLE}, 4), 0);
    }

    /** SELECT_TIF n: selects interface n; the answer (the previous interface) means nothing to us. */
    void selectInterface(int number) throws ProbeException {
        transport.exchange(new byte[] {(byte) SELECT_TIF, (byte) number}, 4);
    }

    /** GET_SPEEDS for the selected interface: clocks of base / n for n ≥ the minimum divider (§2.7). */
    JlinkSpeeds speeds() throws ProbeException {
        byte[] answer = transport.exchange(new byte[] {(byte) GET_SPEEDS}, 6);
        long baseHz = Integer.toUnsignedLong(LittleEndian.u32(answer, 0));
        int minDivider = LittleEndian.u16(answer, 4);
        if (baseHz == 0 || minDivider == 0) {
            throw new ProbeException("GET_SPEEDS answered base " + baseHz + " Hz, minimum divider " + minDivider);
        }
        return new JlinkSpeeds(baseHz, minDivider);
    }

    /** SET_SPEED in kHz; no answer. */
    void setSpeed(int khz) throws ProbeException {
        transport.send(new byte[] {SET_SPEED, (byte) khz, (byte) (khz >> 8)});
    }

    /** HW_RESET0 pulls nRESET low; HW_RESET1 releases it (open drain, §2.9). No answer. */
    void driveReset(boolean asserted) throws ProbeException {
        transport.send(new byte[] {(byte) (asserted ? HW_RESET0 : HW_RESET1)});
    }

    /** SWD I/O: clocks the sequence and returns what the probe sampled (§3.1). */
    CapturedBits swdIo(SwdIoSequence sequence) throws ProbeException {
        int bytes = sequence.byteCount();
        byte[] command = new byte[4 + 2 * bytes];
        command[0] = (byte) SWD_IO;
        command[2] = (byte) sequence.length();
        command[3] = (byte) (sequence.length() >> 8);
        System.arraycopy(sequence.directionBytes(), 0, command, 4, bytes);
        System.arraycopy(sequence.outBytes(), 0, command, 4 + bytes, bytes);
        byte[] answer = transport.exchange(command, bytes + 1);
        int status = answer[bytes] & 0xFF;
        if (status == STATUS_NO_MEMORY) {
            throw new ProbeException("the J-Link has not enough free memory for an SWD I/O of "
                    + sequence.length() + " clocks");
        }
        if (status != 0) {
            throw new ProbeException(String.format("SWD I/O failed with status 0x%02x", status));
        }
        return new CapturedBits(answer);
    }
}
