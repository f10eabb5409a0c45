package io.flashstation.firmware.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes Intel HEX the way objcopy does (type 04 records at every 64 KiB boundary), for reader tests. */
public final class IntelHexWriter {

    private final StringBuilder text = new StringBuilder();
    private final int recordLength;
    private long currentUpper = -1;

    /** @param recordLength data bytes per type 00 record (objcopy uses 16; odd values test odd lengths) */
    public IntelHexWriter(int recordLength) {
        this.recordLength = recordLength;
    }

    /** Appends {@code data} at {@code address}, splitting records at 64 KiB boundaries as linear addressing needs. */
    public IntelHexWriter data(long address, byte[] data) {
        int done = 0;
        while (done < data.length) {
            long at = address + done;
            long upper = at >>> 16;
            if (upper != currentUpper) {
                record(0x04, 0, new byte[] {(byte) (upper >>> 8), (byte) upper});
                currentUpper = upper;
            }
            int toBoundary = (int) (0x1_0000 - (at & 0xFFFF));
            int length = Math.min(Math.min(recordLength, data.length - done), toBoundary);
            byte[] chunk = new byte[length];
            System.arraycopy(data, done, chunk, 0, length);
            record(0x00, (int) (at & 0xFFFF), chunk);
            done += length;
        }
        return this;
    }

    /** Appends a start linear address record (type 05), as toolchains do for the entry point. */
    public IntelHexWriter startLinearAddress(long entry) {
        return record(0x05, 0, new byte[] {(byte) (entry >>> 24), (byte) (entry >>> 16), (byte) (entry >>> 8),
                (byte) entry});
    }

    /** Appends any record with a correct checksum. */
    public IntelHexWriter record(int type, int offset, byte[] payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(payload.length);
        bytes.write(offset >>> 8);
        bytes.write(offset);
        bytes.write(type);
        bytes.writeBytes(payload);
        int sum = 0;
        for (byte b : bytes.toByteArray()) {
            sum += b & 0xFF;
        }
        bytes.write(-sum);
        text.append(':');
        for (byte b : bytes.toByteArray()) {
            text.append(String.format("%02X", b & 0xFF));
        }
        text.append('\n');
        return this;
    }

    /** The file with the end-of-file record. */
    public byte[] finish() {
        record(0x01, 0, new byte[0]);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
