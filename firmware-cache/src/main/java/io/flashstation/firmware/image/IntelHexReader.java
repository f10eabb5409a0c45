package io.flashstation.firmware.image;

import io.flashstation.firmware.digest.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads Intel HEX (the I8HEX/I16HEX/I32HEX record types 00–05 that toolchains emit). Every record's byte count and
 * checksum are checked; 16-bit segment addressing (type 02) wraps inside its 64 KiB segment as the format defines,
 * 32-bit linear addressing (type 04) does not. Start-address records (03, 05) are checked for form and ignored: the
 * core starts from the vector table.
 */
public final class IntelHexReader {

    private static final int DATA = 0x00;
    private static final int END_OF_FILE = 0x01;
    private static final int EXTENDED_SEGMENT_ADDRESS = 0x02;
    private static final int START_SEGMENT_ADDRESS = 0x03;
    private static final int EXTENDED_LINEAR_ADDRESS = 0x04;
    private static final int START_LINEAR_ADDRESS = 0x05;

    /** Byte count, two address bytes, record type and checksum. */
    private static final int RECORD_OVERHEAD = 5;

    private IntelHexReader() {
    }

    /** The image the records of {@code file} describe. */
    public static FirmwareImage read(byte[] file) throws ImageFormatException {
        String[] lines = new String(file, StandardCharsets.US_ASCII).split("\r\n|\r|\n", -1);
        SegmentCollector collector = new SegmentCollector();
        long base = 0;
        boolean segmentAddressing = false;
        boolean ended = false;
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index].strip();
            int lineNumber = index + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (ended) {
                throw new ImageFormatException("line " + lineNumber + ": record after the end-of-file record");
            }
            byte[] record = decodeRecord(line, lineNumber);
            int count = record[0] & 0xFF;
            int offset = ((record[1] & 0xFF) << 8) | (record[2] & 0xFF);
            int type = record[3] & 0xFF;
            byte[] payload = Arrays.copyOfRange(record, 4, 4 + count);
            switch (type) {
                case DATA -> addData(collector, base, segmentAddressing, offset, payload, lineNumber);
                case END_OF_FILE -> {
                    requireLength(payload, 0, "end-of-file", lineNumber);
                    ended = true;
                }
                case EXTENDED_SEGMENT_ADDRESS -> {
                    requireLength(payload, 2, "extended segment address", lineNumber);
                    base = (long) unsigned16(payload) << 4;
                    segmentAddressing = true;
                }
                case EXTENDED_LINEAR_ADDRESS -> {
                    requireLength(payload, 2, "extended linear address", lineNumber);
                    base = (long) unsigned16(payload) << 16;
                    segmentAddressing = false;
                }
                case START_SEGMENT_ADDRESS -> requireLength(payload, 4, "start segment address", lineNumber);
                case START_LINEAR_ADDRESS -> requireLength(payload, 4, "start linear address", lineNumber);
                default -> throw new ImageFormatException(String.format(
                        "line %d: unknown record type 0x%02X (Intel HEX defines 00 to 05)", lineNumber, type));
            }
        }
        if (!ended) {
            throw new ImageFormatException("no end-of-file record (type 01): the HEX file is truncated");
        }
        if (collector.isEmpty()) {
            throw new ImageFormatException("the HEX file has no data records");
        }
        return new FirmwareImage(ImageFormat.HEX, Sha256.of(file), collector.segments());
    }

    private static void addData(SegmentCollector collector, long base, boolean segmentAddressing, int offset,
                                byte[] payload, int lineNumber) throws ImageFormatException {
        String origin = "line " + lineNumber;
        int beforeWrap = segmentAddressing ? Math.min(payload.length, 0x1_0000 - offset) : payload.length;
        collector.add(base + offset, Arrays.copyOfRange(payload, 0, beforeWrap), origin);
        if (beforeWrap < payload.length) {
            // In segment addressing the offset wraps to the start of the same 64 KiB segment.
            collector.add(base, Arrays.copyOfRange(payload, beforeWrap, payload.length), origin);
        }
    }

    private static byte[] decodeRecord(String line, int lineNumber) throws ImageFormatException {
        if (line.charAt(0) != ':') {
            throw new ImageFormatException("line " + lineNumber + ": a record must start with ':'");
        }
        int digits = line.length() - 1;
        if (digits % 2 != 0) {
            throw new ImageFormatException("line " + lineNumber + ": odd number of hex digits (" + digits + ")");
        }
        if (digits < RECORD_OVERHEAD * 2) {
            throw new ImageFormatException("line " + lineNumber + ": record too short (" + digits
                    + " hex digits, at least " + RECORD_OVERHEAD * 2 + " needed)");
        }
        byte[] record = new byte[digits / 2];
        for (int i = 0; i < record.length; i++) {
            record[i] = (byte) ((hexDigit(line, 1 + 2 * i, lineNumber) << 4) | hexDigit(line, 2 + 2 * i, lineNumber));
        }
        int count = record[0] & 0xFF;
        if (record.length != count + RECORD_OVERHEAD) {
            throw new ImageFormatException("line " + lineNumber + ": byte count says " + count
                    + " data bytes but the record holds " + (record.length - RECORD_OVERHEAD));
        }
        int sum = 0;
        for (int i = 0; i < record.length - 1; i++) {
            sum += record[i] & 0xFF;
        }
        int expected = (-sum) & 0xFF;
        int actual = record[record.length - 1] & 0xFF;
        if (actual != expected) {
            throw new ImageFormatException(String.format(
                    "line %d: checksum 0x%02X is wrong, the record's bytes need 0x%02X", lineNumber, actual, expected));
        }
        return record;
    }

    private static int hexDigit(String line, int column, int lineNumber) throws ImageFormatException {
        int value = Character.digit(line.charAt(column), 16);
        if (value < 0) {
            throw new ImageFormatException("line " + lineNumber + ", column " + (column + 1) + ": '"
                    + line.charAt(column) + "' is not a hex digit");
        }
        return value;
    }

    private static void requireLength(byte[] payload, int length, String recordName, int lineNumber)
            throws ImageFormatException {
        if (payload.length != length) {
            throw new ImageFormatException("line " + lineNumber + ": " + recordName + " record must carry "
                    + length + " data bytes, not " + payload.length);
        }
    }

    private static int unsigned16(byte[] payload) {
        return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }
}
