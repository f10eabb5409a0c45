package io.flashstation.sim.jlink;

import static io.flashstation.sim.jlink.JLinkTestHost.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SWD I/O (0xCF) framing with an empty fixture: nobody drives SWDIO, so released clocks read the pull-up. */
class SwdIoFramingTest {

    private final JLinkTestHost host =
            new JLinkTestHost(new VirtualJLink(JLinkProfile.armObStm32Clone(), new Fixture()));

    @BeforeEach
    void selectSwdAt4Megahertz() {
        host.exchange(0xC7, 0x01);
        host.send(0, 0x05, 0xA0, 0x0F);
    }

    @Test
    void theWorkedDpidrReadEchoesTheRequestAndReadsOnesWhereNoTargetAnswers() {
        // jlink.md §3.4: the 18-byte OUT message as given, 7 data bytes + status back
        byte[] request = bytes(0xCF, 0x00, 0x36, 0x00,
                0xFF, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x3F,
                0xA5, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
        assertThat(new SwdIoRequest().read(0xA5).out(0, 8).encode()).isEqualTo(request);

        byte[] reply = host.exchange(request);

        // request echoed (driven clocks), 38 released clocks read 1 (ACK 0b111 = no target), 8 idle zeros
        assertThat(reply).containsExactly(0xA5, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F, 0x00, 0x00);
    }

    @Test
    void openOcdsFirstBatchOf190ClocksAnswers24BytesAndAStatus() {
        // jlink.md §3.4: JTAG-to-SWD + DPIDR read + 8 idle clocks in one 0xCF; ACK at bits 144–146
        byte[] direction = new byte[24];
        Arrays.fill(direction, 0, 18, (byte) 0xFF);
        direction[22] = (byte) 0xC0;
        direction[23] = 0x3F;
        byte[] data = bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x9E, 0xE7, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF, 0xFF, 0x00, 0xA5, 0, 0, 0, 0, 0, 0);
        SwdIoRequest batch = new SwdIoRequest().jtagToSwd().read(0xA5).out(0, 8);
        byte[] encoded = batch.encode();
        assertThat(Arrays.copyOf(encoded, 4)).containsExactly(0xCF, 0x00, 0xBE, 0x00);
        assertThat(Arrays.copyOfRange(encoded, 4, 28)).isEqualTo(direction);
        assertThat(Arrays.copyOfRange(encoded, 28, 52)).isEqualTo(data);

        byte[] reply = host.exchange(encoded);

        assertThat(reply).hasSize(25);
        assertThat(SwdIoRequest.bits(reply, 144, 3)).isEqualTo(0b111);
        assertThat(SwdIoRequest.bits(reply, 147, 32)).isEqualTo(0xFFFFFFFFL);
        assertThat(reply[24]).as("status").isZero();
    }

    @Test
    void bitsPastTheLastClockAreZero() {
        // jlink.md §3.1: ⌈n/8⌉ bytes, one bit per clock, LSB first
        byte[] reply = host.exchange(new SwdIoRequest().in(9).encode());

        assertThat(reply).containsExactly(0xFF, 0x01, 0x00);
    }

    @Test
    void aReplyOfAWholeNumberOfPacketsIsFollowedByAZeroLengthPacket() {
        // jlink.md §7: 63 data bytes + status = 64 bytes needs a ZLP or libjaylink stalls 1 s (§1.3)
        List<InTransfer> answer = host.send(new SwdIoRequest().in(63 * 8).encode(), 0).transfers();

        assertThat(answer).extracting(t -> t.data().length).containsExactly(64, 0);
    }

    @Test
    void aRequestLargerThanTheProbesMemoryFailsWithStatus6WithoutClocking() {
        // jlink.md §2.12: status 0x06 = not enough free memory; §3.6: OpenOCD never sends more than (F − 16) / 2
        long before = host.probe.busyUntil();
        byte[] reply = host.exchange(new SwdIoRequest().in(65535).encode());

        assertThat(reply).hasSize(8192 + 1);
        assertThat(reply[8192]).isEqualTo((byte) 0x06);
        assertThat(host.probe.busyUntil()).isEqualTo(before);
    }

    @Test
    void openOcdsLargestBatchFitsTheProbe() {
        // jlink.md §3.6: 2048 bytes per direction = 16384 clocks, answered with status 0
        byte[] reply = host.exchange(new SwdIoRequest().in(16384).encode());

        assertThat(reply).hasSize(2049);
        assertThat(reply[2048]).isZero();
    }

    @Test
    void withJtagSelectedTdoIsUnwiredAndReadsOnes() {
        // jlink.md §4: 0xCF in JTAG mode carries TMS and TDI and answers TDO + status; an SWD fixture has no TDO
        host.exchange(0xC7, 0x00);
        byte[] reply = host.exchange(bytes(0xCF, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00));

        assertThat(reply).containsExactly(0xFF, 0xFF, 0x00);
    }
}
