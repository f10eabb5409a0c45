package io.flashstation.usb.libusb;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Direct buffers sized to the transfer: usb4java rejects heap buffers (quarkus-usb4java.md §7.1) and passes the
 * buffer's capacity, not its remaining bytes, to libusb as the length.
 */
class TransferBufferTest {

    @Test
    void outgoingIsDirectAndExactlyTheDataToSend() {
        TransferBuffer buffer = new TransferBuffer(64);
        byte[] data = {9, 1, 2, 3, 4, 9};

        ByteBuffer view = buffer.outgoing(data, 1, 4);

        assertThat(view.isDirect()).isTrue();
        assertThat(view.capacity()).isEqualTo(4);
        assertThat(view.position()).isZero();
        byte[] sent = new byte[4];
        view.get(0, sent);
        assertThat(sent).containsExactly(1, 2, 3, 4);
    }

    @Test
    void reuseDoesNotLeakEarlierLongerData() {
        TransferBuffer buffer = new TransferBuffer(64);
        buffer.outgoing(new byte[]{7, 7, 7, 7, 7, 7, 7, 7}, 0, 8);
        ByteBuffer view = buffer.outgoing(new byte[]{1, 2}, 0, 2);
        assertThat(view.capacity()).isEqualTo(2);
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        TransferBuffer buffer = new TransferBuffer(16);
        byte[] big = new byte[1000];
        big[999] = 42;
        ByteBuffer view = buffer.outgoing(big, 0, big.length);
        assertThat(view.capacity()).isEqualTo(1000);
        assertThat(view.get(999)).isEqualTo((byte) 42);
    }

    @Test
    void incomingHasTheRequestedCapacityAndReceivedBytesCopyBackAtTheOffset() {
        TransferBuffer buffer = new TransferBuffer(64);
        ByteBuffer view = buffer.incoming(5);
        assertThat(view.isDirect()).isTrue();
        assertThat(view.capacity()).isEqualTo(5);
        view.put(0, (byte) 0xA0).put(1, (byte) 0xA1).put(2, (byte) 0xA2);

        byte[] target = new byte[6];
        TransferBuffer.copyReceived(view, 3, target, 2);

        assertThat(target).containsExactly(0, 0, 0xA0, 0xA1, 0xA2, 0);
    }

    @Test
    void zeroLengthTransfersGetAnEmptyDirectBuffer() {
        ByteBuffer view = new TransferBuffer(8).incoming(0);
        assertThat(view.isDirect()).isTrue();
        assertThat(view.capacity()).isZero();
    }

    @Test
    void rejectsRangesOutsideTheCallersArray() {
        TransferBuffer buffer = new TransferBuffer(8);
        assertThatThrownBy(() -> buffer.outgoing(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> buffer.incoming(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
