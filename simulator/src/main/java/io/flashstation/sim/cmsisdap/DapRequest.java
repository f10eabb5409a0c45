package io.flashstation.sim.cmsisdap;

/**
 * A cursor over one command packet. Packets carry no length field (cmsis-dap.md §1), so handlers parse as far as
 * their command says; bytes past the end read as zero, as the padding of a HID report does.
 */
final class DapRequest {

    private final byte[] bytes;
    private int position;

    DapRequest(byte[] bytes) {
        this.bytes = bytes;
    }

    int u8() {
        int value = position < bytes.length ? bytes[position] & 0xFF : 0;
        position++;
        return value;
    }

    /** A little-endian SHORT. */
    int u16() {
        return u8() | u8() << 8;
    }

    /** A little-endian WORD. */
    int u32() {
        return u16() | u16() << 16;
    }

    byte[] take(int count) {
        byte[] taken = new byte[count];
        for (int i = 0; i < count; i++) {
            taken[i] = (byte) u8();
        }
        return taken;
    }

    void skip(int count) {
        position += count;
    }

    int position() {
        return position;
    }

    void moveTo(int newPosition) {
        position = newPosition;
    }
}
