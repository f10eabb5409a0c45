package io.flashstation.sim.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.core.CoreState;
import io.flashstation.sim.core.CortexM4DebugBlock;
import io.flashstation.sim.core.DebugControlBlock;
import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.BusResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A virtual board driven the way a debugger drives it, minus the wire: debug registers written on the core's
 * private bus, programs loaded into SRAM, virtual time advanced by hand with the core catching up.
 */
final class CoreBench {

    static final int SRAM = 0x2000_0000;
    static final int STACK_TOP = 0x2002_0000;
    static final int DHCSR = 0xE000_EDF0;
    static final int DCRSR = 0xE000_EDF4;
    static final int DCRDR = 0xE000_EDF8;
    static final int DEMCR = 0xE000_EDFC;
    static final int DFSR = 0xE000_ED30;
    static final int KEY = 0xA05F_0000;

    final VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(42));
    private final CortexM4DebugBlock core = board.debugBlock();

    /** Halts the core (it powered up locked up on the erased flash). */
    CoreBench() {
        writeWord(DHCSR, KEY | DebugControlBlock.C_DEBUGEN | DebugControlBlock.C_HALT);
    }

    /** A lab program built by src/main/thumb/build.sh. */
    static byte[] program(String name) {
        try (InputStream in = CoreBench.class.getResourceAsStream("/io/flashstation/sim/programs/" + name + ".bin")) {
            assertThat(in).as("test program %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void load(int address, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            assertThat(board.chip().write(address + i, AccessSize.BYTE, bytes[i]).ok()).isTrue();
        }
    }

    /** Loads {@code bytes} at the start of SRAM and points the halted core at it with a fresh stack. */
    void loadAndPoint(byte[] bytes) {
        load(SRAM, bytes);
        setRegister(CoreState.PC, SRAM);
        setRegister(CoreState.XPSR, CoreState.XPSR_THUMB);
        setRegister(CoreState.MSP, STACK_TOP);
    }

    /** Loads a program that starts with a vector table and points the core at its reset vector (word 1). */
    void loadVectoredAndPoint(byte[] bytes) {
        loadAndPoint(bytes);
        setRegister(CoreState.PC, (bytes[4] & 0xFE) | (bytes[5] & 0xFF) << 8 | (bytes[6] & 0xFF) << 16
                | (bytes[7] & 0xFF) << 24);
    }

    int readWord(int address) {
        BusResponse response = board.chip().read(address, AccessSize.WORD);
        assertThat(response.ok()).as("read 0x%08X", address).isTrue();
        return response.data();
    }

    void writeWord(int address, int value) {
        assertThat(board.chip().write(address, AccessSize.WORD, value).ok()).as("write 0x%08X", address).isTrue();
    }

    int register(int regsel) {
        writeWord(DCRSR, regsel);
        return readWord(DCRDR);
    }

    void setRegister(int regsel, int value) {
        writeWord(DCRDR, value);
        writeWord(DCRSR, regsel | 0x1_0000);
    }

    void resume() {
        writeWord(DHCSR, KEY | DebugControlBlock.C_DEBUGEN);
    }

    void step() {
        writeWord(DHCSR, KEY | DebugControlBlock.C_DEBUGEN | DebugControlBlock.C_STEP);
    }

    void halt() {
        writeWord(DHCSR, KEY | DebugControlBlock.C_DEBUGEN | DebugControlBlock.C_HALT);
    }

    /** Lets {@code nanos} of virtual time pass with the core executing. */
    void run(long nanos) {
        board.clock().advance(nanos);
        board.catchUp();
    }

    boolean halted() {
        return (readWord(DHCSR) & DebugControlBlock.S_HALT) != 0;
    }

    long now() {
        return board.clock().nanos();
    }

    CortexM4DebugBlock core() {
        return core;
    }
}
