package io.flashstation.usb.libusb;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The native memory one link moves its data through. usb4java insists on direct buffers and hands libusb the
 * buffer's <em>capacity</em> as the transfer length, ignoring position and limit (libusb4java LibUsb.c,
 * bulkTransfer/controlTransfer), so every transfer gets a slice of exactly its length. The backing storage is
 * reused and grown as needed; one link is used by one thread at a time, so one buffer per link is enough.
 */
final class TransferBuffer {

    private ByteBuffer storage;

    TransferBuffer(int initialCapacity) {
        storage = ByteBuffer.allocateDirect(initialCapacity);
    }

    /** A direct buffer of exactly {@code length} bytes holding {@code data[offset, offset + length)}. */
    ByteBuffer outgoing(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        ByteBuffer view = slice(length);
        view.put(data, offset, length).clear();
        return view;
    }

    /** A direct buffer of exactly {@code length} bytes to receive into. */
    ByteBuffer incoming(int length) {
        return slice(length);
    }

    /** Copies the first {@code count} received bytes of {@code view} into {@code target} at {@code offset}. */
    static void copyReceived(ByteBuffer view, int count, byte[] target, int offset) {
        view.get(0, target, offset, count);
    }

    private ByteBuffer slice(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length " + length);
        }
        if (length > storage.capacity()) {
            storage = ByteBuffer.allocateDirect(Math.max(length, 2 * storage.capacity()));
        }
        return storage.clear().limit(length).slice();
    }
}
