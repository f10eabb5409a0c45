package io.flashstation.sim.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Virtual time on the probe: TIMING.md §2 (one SWCLK per clocked bit) and §3 (commands in order). */
class VirtualJLinkTimingTest {

    private final JLinkTestHost host =
            new JLinkTestHost(new VirtualJLink(JLinkProfile.armObStm32Clone(), new Fixture()));

    @Test
    void anSwdIoTakesOneClockPerBitAtTheSelectedSpeed() {
        // TIMING.md §2: each explicitly clocked bit of a J-Link SWD I/O costs one clock
        host.exchange(0xC7, 0x01);
        host.send(0, 0x05, 0x64, 0x00);                          // 100 kHz: 10 µs per clock
        host.send(new SwdIoRequest().read(0xA5).out(0, 8).encode(), 1_000_000);

        List<InTransfer> answer = host.transfers();
        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).readyNanos()).isEqualTo(1_000_000 + 54 * 10_000);
    }

    @Test
    void aCommandStartsWhenThePreviousOneHasFinished() {
        // TIMING.md §3: each command starts at max(arrival, end of previous command)
        host.exchange(0xC7, 0x01);
        host.send(0, 0x05, 0x64, 0x00);
        host.send(new SwdIoRequest().in(100).encode(), 0);      // busy until 1 ms
        host.send(100_000, 0xE8);                               // arrives meanwhile
        host.send(5_000_000, 0xE8);                             // arrives when the probe is idle

        assertThat(host.transfers()).extracting(InTransfer::readyNanos)
                .containsExactly(1_000_000L, 1_000_000L, 5_000_000L);
    }

    @Test
    void aCommandSplitAcrossTransfersStartsWhenItsLastPartArrives() {
        // TIMING.md §3 with jlink.md §1.3: the command is complete only with its last byte
        host.exchange(0xC7, 0x01);
        host.send(0, 0x05, 0x64, 0x00);
        byte[] request = new SwdIoRequest().in(8).encode();
        host.send(Arrays.copyOf(request, 3), 0);
        host.send(Arrays.copyOfRange(request, 3, request.length), 2_000_000);

        assertThat(host.transfers()).extracting(InTransfer::readyNanos).containsExactly(2_000_000L + 80_000);
    }

    @Test
    void theTargetResetPulseHoldsTheProbeForTwoMilliseconds() {
        // jlink.md §2.1: RESET_TARGET pulses nRESET for about 2 ms
        host.send(0, 0x03, 0xE8);

        assertThat(host.transfers()).extracting(InTransfer::readyNanos).containsExactly(2_000_000L);
    }

    @Test
    void answersWithoutTargetWorkAreReadyWhenTheCommandArrives() {
        // TIMING.md §3: probe firmware overhead is inside the link latency L
        host.send(3_000, 0x01);

        assertThat(host.transfers()).extracting(InTransfer::readyNanos).containsExactly(3_000L, 3_000L);
    }
}
