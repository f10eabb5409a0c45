package io.flashstation.sim.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandAssemblerTest {

    private final List<Integer> unknown = new ArrayList<>();
    private final CommandAssembler assembler = new CommandAssembler(unknown::add);

    @Test
    void severalCommandsInOneTransferComeOutOneByOne() {
        // jlink.md §1.3: boundaries are found by parsing; §2.1 gives each request's length
        assembler.append(JLinkTestHost.bytes(0x01, 0x05, 0xA0, 0x0F, 0xC7, 0xFF, 0xE8));

        assertThat(frames()).extracting(CommandFrame::opcode).containsExactly(
                JLinkOpcode.VERSION, JLinkOpcode.SET_SPEED, JLinkOpcode.SELECT_TIF, JLinkOpcode.GET_CAPS);
    }

    @Test
    void aCommandCutAcrossTransfersWaitsForItsLastByte() {
        // jlink.md §1.3: a 4100-byte 0xCF goes out as 2048 + 2048 + 4 with no short packet to mark its end
        int bits = 2048 * 8;
        byte[] request = new byte[4 + 2 * 2048];
        request[0] = (byte) 0xCF;
        request[2] = (byte) bits;
        request[3] = (byte) (bits >>> 8);

        assembler.append(Arrays.copyOfRange(request, 0, 2048));
        assertThat(assembler.next()).isNull();
        assembler.append(Arrays.copyOfRange(request, 2048, 4096));
        assertThat(assembler.next()).isNull();
        assembler.append(Arrays.copyOfRange(request, 4096, 4100));

        CommandFrame frame = assembler.next();
        assertThat(frame.opcode()).isEqualTo(JLinkOpcode.SWD_IO);
        assertThat(frame.bytes()).hasSize(4100);
        assertThat(assembler.next()).isNull();
    }

    @Test
    void theSwdIoLengthIsKnownOnlyOnceItsBitCountHasArrived() {
        // jlink.md §3.1: CF 00 nLo nHi, then ⌈n/8⌉ direction and ⌈n/8⌉ data bytes
        assembler.append(JLinkTestHost.bytes(0xCF, 0x00, 0x09));
        assertThat(assembler.next()).isNull();
        assembler.append(JLinkTestHost.bytes(0x00, 1, 2, 3, 4));

        assertThat(assembler.next().bytes()).hasSize(4 + 2 * 2);
    }

    @Test
    void anUnknownOpcodeDropsWhatCameWithItAndIsReported() {
        // jlink.md §2.12 / §9: behaviour on unknown opcodes is unconfirmed; its length cannot be known
        assembler.append(JLinkTestHost.bytes(0x42, 0x01, 0xE8));

        assertThat(assembler.next()).isNull();
        assertThat(unknown).containsExactly(0x42);
        assembler.append(JLinkTestHost.bytes(0xE8));
        assertThat(assembler.next().opcode()).isEqualTo(JLinkOpcode.GET_CAPS);
    }

    private List<CommandFrame> frames() {
        List<CommandFrame> frames = new ArrayList<>();
        for (CommandFrame f = assembler.next(); f != null; f = assembler.next()) {
            frames.add(f);
        }
        return frames;
    }
}
