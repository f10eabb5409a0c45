package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.ProbeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The bytes of the general and SWJ commands of cmsis-dap.md §2–§4 and §7.1, and the decoding of their answers.
 * Every answer starts with the echoed command ID (checked by {@link DapChannel}); the layouts here start after it.
 */
final class DapCommands {

    static final int INFO = 0x00;
    static final int HOST_STATUS = 0x01;
    static final int CONNECT = 0x02;
    static final int DISCONNECT = 0x03;
    static final int TRANSFER_CONFIGURE = 0x04;
    static final int SWJ_PINS = 0x10;
    static final int SWJ_CLOCK = 0x11;
    static final int SWJ_SEQUENCE = 0x12;

    static final int INFO_SERIAL = 0x03;
    static final int INFO_PROTOCOL_VERSION = 0x04;
    static final int INFO_FIRMWARE_VERSION = 0x09;
    static final int INFO_CAPABILITIES = 0xF0;
    static final int INFO_PACKET_COUNT = 0xFE;
    static final int INFO_PACKET_SIZE = 0xFF;

    /** Capabilities Info0 bit 0 (§3.1). */
    static final int CAPABILITY_SWD = 0x01;
    /** DAP_Connect port 1 (§3.3). */
    static final int PORT_SWD = 1;
    /** DAP_HostStatus types (§3.2). */
    static final int LED_CONNECT = 0;
    static final int LED_RUNNING = 1;
    /** DAP_SWJ_Pins bit 7 (§4.1). */
    static final int PIN_NRESET = 0x80;

    private static final int STATUS_OK = 0x00;

    private DapCommands() {
    }

    static byte[] info(int id) {
        return bytes(INFO, id);
    }

    static byte[] hostStatus(int led, boolean on) {
        return bytes(HOST_STATUS, led, on ? 1 : 0);
    }

    static byte[] connect(int port) {
        return bytes(CONNECT, port);
    }

    static byte[] disconnect() {
        return bytes(DISCONNECT);
    }

    /** §7.1: idle cycles after each transfer, WAIT retries, value-match retries. */
    static byte[] transferConfigure(int idleCycles, int waitRetry, int matchRetry) {
        return bytes(TRANSFER_CONFIGURE, idleCycles, waitRetry & 0xFF, waitRetry >>> 8, matchRetry & 0xFF,
                matchRetry >>> 8);
    }

    /** §4.1: drives the pins selected in {@code select} to their level in {@code out}, no wait. */
    static byte[] swjPins(int out, int select) {
        return bytes(SWJ_PINS, out, select, 0, 0, 0, 0);
    }

    /** §4.2: the clock is a maximum; the probe has no way to say which it picked. */
    static byte[] swjClock(long hz) {
        int value = (int) hz;
        return bytes(SWJ_CLOCK, value & 0xFF, (value >>> 8) & 0xFF, (value >>> 16) & 0xFF, value >>> 24);
    }

    /** §4.3: {@code bitCount} (1..256) bits on SWDIO, LSB of {@code bits[0]} first. */
    static byte[] swjSequence(int bitCount, byte[] bits) {
        if (bitCount < 1 || bitCount > 256 || bits.length != (bitCount + 7) / 8) {
            throw new IllegalArgumentException("an SWJ sequence is 1..256 bits in whole bytes: " + bitCount);
        }
        byte[] command = new byte[2 + bits.length];
        command[0] = (byte) SWJ_SEQUENCE;
        command[1] = (byte) bitCount; // 256 encodes as 0
        System.arraycopy(bits, 0, command, 2, bits.length);
        return command;
    }

    /** Commands answered with ID and one status byte: throws unless the status is DAP_OK (§1). */
    static void requireOk(byte[] answer, String what) throws ProbeException {
        requireLength(answer, 2, what);
        if ((answer[1] & 0xFF) != STATUS_OK) {
            throw new ProbeException(String.format("the probe refused %s (status 0x%02X)", what, answer[1] & 0xFF));
        }
    }

    /** DAP_Connect answers the port it set up, 0 when it could not (§3.3). */
    static int connectedPort(byte[] answer) throws ProbeException {
        requireLength(answer, 2, "DAP_Connect");
        return answer[1] & 0xFF;
    }

    /** A DAP_Info string (§3.1): Len 0 means "no information"; the NUL counted in Len is dropped. */
    static Optional<String> infoString(byte[] answer) throws ProbeException {
        int length = infoLength(answer);
        if (length == 0) {
            return Optional.empty();
        }
        byte[] text = Arrays.copyOfRange(answer, 2, 2 + length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return Optional.of(new String(text, 0, end, StandardCharsets.UTF_8));
    }

    /** A DAP_Info number of {@code size} bytes (little-endian), empty when the probe gave another length. */
    static Optional<Integer> infoNumber(byte[] answer, int size) throws ProbeException {
        int length = infoLength(answer);
        if (length != size) {
            return Optional.empty();
        }
        int value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (answer[2 + i] & 0xFF);
        }
        return Optional.of(value);
    }

    /** Capabilities are one or two bytes (§3.1, §16); only Info0 matters here. */
    static Optional<Integer> infoCapabilities(byte[] answer) throws ProbeException {
        int length = infoLength(answer);
        return length == 1 || length == 2 ? Optional.of(answer[2] & 0xFF) : Optional.empty();
    }

    private static int infoLength(byte[] answer) throws ProbeException {
        requireLength(answer, 2, "DAP_Info");
        int length = answer[1] & 0xFF;
        requireLength(answer, 2 + length, "DAP_Info");
        return length;
    }

    static void requireLength(byte[] answer, int length, String what) throws ProbeException {
        if (answer.length < length) {
            throw new ProbeException("the probe's answer to " + what + " is " + answer.length + " bytes, expected "
                    + length);
        }
    }

    private static byte[] bytes(int... values) {
        byte[] command = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            command[i] = (byte) values[i];
        }
        return command;
    }
}
