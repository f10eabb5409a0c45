package io.flashstation.sim.jlink;

import static io.flashstation.sim.jlink.JLinkTestHost.u16;
import static io.flashstation.sim.jlink.JLinkTestHost.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays OpenOCD 0.12.0's {@code jlink_init} for an SWD session (jlink.md §5) and checks every answer has
 * exactly the length libjaylink reads (a surplus or a shortfall breaks its byte stream, §1.3) and passes
 * the checks OpenOCD makes on it.
 */
class OpenOcdInitSequenceTest {

    static Stream<JLinkProfile> profiles() {
        return Stream.of(JLinkProfile.genuineOb(), JLinkProfile.armObStm32Clone());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void openOcdGetsThroughInitialisationInSwdMode(JLinkProfile profile) {
        JLinkTestHost host = new JLinkTestHost(new VirtualJLink(profile, new Fixture()));

        byte[] version = host.exchange(0x01);                                   // 1 VERSION
        assertThat(version).hasSize(2 + u16(version, 0));
        assertThat(u16(version, 0)).isPositive();

        int caps = u32(expect(host, 4, 0xE8), 0);                               // 2 GET_CAPS
        if (has(caps, 31)) {                                                    // 3 GET_EXT_CAPS
            byte[] ext = expect(host, 32, 0xED);
            assertThat(u32(ext, 0)).as("OpenOCD reads ext caps over the legacy word").isEqualTo(caps);
        }
        if (has(caps, 1)) {                                                     // 4 GET_HW_VERSION
            expect(host, 4, 0xF0);
        }
        int swdBufferBytes = 2048;
        if (has(caps, 11)) {                                                    // 5 GET_FREE_MEMORY
            int free = u32(expect(host, 4, 0xD4), 0);
            assertThat(free).as("≥ 143 or OpenOCD refuses the probe").isGreaterThanOrEqualTo(143);
            swdBufferBytes = Math.min(2048, (free - 16) / 2);
        }
        if (has(caps, 4)) {                                                     // 6 READ_CONFIG
            expect(host, 256, 0xF2);
        }
        expect(host, 8, 0x07);                                                  // 7 GET_HW_STATUS
        if (has(caps, 27)) {                                                    // 8 REGISTER
            byte[] reg = new byte[14];
            reg[0] = 0x09;
            reg[1] = 0x64;
            byte[] reply = host.exchange(reg);
            int handle = u16(reply, 0);
            int count = u16(reply, 2);
            assertThat(reply).hasSize(Math.max(76, 8 + count * u16(reply, 4) + u16(reply, 6)));
            assertThat(handle).isNotZero();
            assertThat(Stream.iterate(0, i -> i + 1).limit(count).map(i -> u16(reply, 8 + 16 * i + 10)))
                    .contains(handle);
        }
        assertThat(has(caps, 17)).as("without SELECT_TIF OpenOCD is JTAG only").isTrue();  // 9 SELECT_TIF
        assertThat(u32(expect(host, 4, 0xC7, 0xFF), 0) & 0b10).as("SWD available").isNotZero();
        expect(host, 4, 0xC7, 0x01);
        host.send(0, 0xDD, 0xDF);                                               // 10 release both resets
        assertThat(host.transfers()).isEmpty();
        for (int round = 0; round < 2; round++) {                               // 11, 12 speed, twice
            int maxKhz = 12000;
            if (has(caps, 9)) {
                byte[] speeds = expect(host, 6, 0xC0);
                maxKhz = u32(speeds, 0) / 1000 / u16(speeds, 4);
            }
            int khz = Math.min(4000, maxKhz);
            host.send(0, 0x05, khz & 0xFF, khz >>> 8);
            assertThat(host.transfers()).isEmpty();
        }
        assertThat(host.probe.selectedInterface()).isEqualTo(TargetInterface.SWD);
        assertThat(swdBufferBytes).isEqualTo(2048);
        assertThat(host.probe.unknownOpcodes()).isEmpty();
    }

    /** Sends a request and checks the answer, without zero-length packets, is exactly {@code length} bytes. */
    private static byte[] expect(JLinkTestHost host, int length, int... request) {
        byte[] answer = host.exchange(request);
        assertThat(answer).as("reply to %02X", request[0]).hasSize(length);
        return Arrays.copyOf(answer, length);
    }

    private static boolean has(int caps, int bit) {
        return (caps & 1 << bit) != 0;
    }
}
