package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.arm.CortexM;
import io.flashstation.probe.arm.HostWaits;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.target.FlashOperationException.Kind;
import io.flashstation.usb.HostClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Verifies flash with a CRC the chip computes itself: our routine (src/main/loader/crc32.S) runs from SRAM on the
 * halted core at 64 MHz (HSI through the PLL, as OpenOCD's reset-init sets it: stm32f411-target.md §12.2 step 7),
 * so only a few words cross the wire per segment instead of the whole image. A CRC mismatch is located by reading
 * the segment back. When the routine cannot run (the core does not stop on the routine's BKPT in time) the caller
 * is told with {@link Unavailable} and verifies by read-back instead.
 */
public final class OnTargetCrc {

    /** Where the routine is loaded: the start of SRAM. */
    static final int CODE = 0x2000_0000;
    /** The routine's 1 KiB table, after the code. */
    static final int TABLE = 0x2000_0400;
    /** The routine's own table build, in cycles (crc32.S), and its cost per byte with two flash wait states. */
    static final long SETUP_CYCLES = 4_200;
    static final long CYCLES_PER_BYTE = 11;
    /** The core clock the routine runs at, and the register values that select it (RM0383 §6; §12.2 step 7). */
    static final long CORE_HZ = 64_000_000L;
    private static final int RCC_CR = 0x4002_3800;
    private static final int RCC_PLLCFGR = 0x4002_3804;
    private static final int RCC_CFGR = 0x4002_3808;
    private static final int FLASH_ACR = 0x4002_3C00;
    /** HSI / M 8 × N 128 / P 4 = 64 MHz, Q 8. */
    private static final int PLLCFGR_64MHZ = 0x0801_2008;
    /** Prefetch on, two wait states: within RM0383's table for 64 MHz at 2.7–3.6 V. */
    private static final int ACR_TWO_WAIT_STATES = 0x0000_0102;
    private static final int CR_PLLON = 1 << 24;
    private static final int CR_PLLRDY = 1 << 25;
    private static final int CFGR_PPRE1_DIV2 = 0x1000;
    private static final int CFGR_SW_PLL = 0x2;
    private static final int CFGR_SWS_MASK = 0xC;
    private static final int CFGR_SWS_PLL = 0x8;
    private static final int XPSR_THUMB = 1 << 24;
    private static final int BKPT = 0xBE5C;
    private static final long POLL_NANOS = 20_000;
    private static final long READY_TIMEOUT_NANOS = 10_000_000L;
    private static final int[] CODE_WORDS = words(routine());
    private static final int BKPT_OFFSET = offsetOfBreakpoint(routine());

    private final MemAp mem;
    private final CortexM core;
    private final HostClock clock;
    private boolean prepared;

    /** The routine could not run; the caller verifies another way. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    public OnTargetCrc(MemAp mem) {
        this.mem = mem;
        this.core = new CortexM(mem);
        this.clock = mem.debugPort().clock();
    }

    /**
     * Checks that flash holds every segment: one CRC per segment computed on the core and compared with the host's;
     * a mismatch is located by read-back and reported as VERIFY_MISMATCH. The core must be halted; it is left
     * halted on the routine's breakpoint with the PLL running, for the reset that ends a session.
     */
    public void verify(List<ImageSegment> segments, ByteProgress progress, FlashProgrammer readBack)
            throws ProbeException, Unavailable {
        long total = segments.stream().mapToLong(ImageSegment::length).sum();
        long done = 0;
        for (ImageSegment segment : segments) {
            int expected = Crc32Mpeg2.INITIAL;
            for (int i = 0; i < segment.length(); i++) {
                expected = Crc32Mpeg2.update(expected, segment.byteAt(i));
            }
            int actual = crcOf(segment.address(), segment.length());
            if (actual != expected) {
                readBack.verify(List.of(segment), ByteProgress.NONE);
                throw new FlashOperationException(Kind.VERIFY_MISMATCH, segment.address(), String.format(
                        "verify failed: the chip's CRC of 0x%08X..+%d is 0x%08X, the image's 0x%08X",
                        segment.address(), segment.length(), actual, expected));
            }
            done += segment.length();
            progress.progress(done, total);
        }
    }

    /** The CRC the core computes over {@code length} bytes at {@code address}. */
    int crcOf(int address, int length) throws ProbeException, Unavailable {
        if (!prepared) {
            speedUpCore();
            mem.writeWords(CODE, CODE_WORDS, 0, CODE_WORDS.length);
            prepared = true;
        }
        core.writeCoreRegister(0, address);
        core.writeCoreRegister(1, length);
        core.writeCoreRegister(2, TABLE);
        core.writeCoreRegister(CortexM.REG_XPSR, XPSR_THUMB);
        core.writeCoreRegister(CortexM.REG_PC, CODE);
        core.resume();
        long expected = (SETUP_CYCLES + CYCLES_PER_BYTE * Integer.toUnsignedLong(length)) * 1_000_000_000L / CORE_HZ;
        HostWaits.sleep(clock, expected);
        long deadline = clock.nanos() + expected + READY_TIMEOUT_NANOS;
        while (!core.isHalted()) {
            if (clock.nanos() >= deadline) {
                core.halt();
                throw new Unavailable("the CRC routine did not finish within " + (2 * expected + READY_TIMEOUT_NANOS)
                        / 1_000_000 + " ms");
            }
            HostWaits.sleep(clock, POLL_NANOS);
        }
        int pc = core.readCoreRegister(CortexM.REG_PC);
        if (pc != CODE + BKPT_OFFSET) {
            throw new Unavailable(String.format("the CRC routine stopped at 0x%08X, not on its breakpoint", pc));
        }
        return core.readCoreRegister(0);
    }

    // PLL on from HSI, two wait states first, then the switch; APB1 stays within its 50 MHz
    private void speedUpCore() throws ProbeException, Unavailable {
        mem.writeWord(FLASH_ACR, ACR_TWO_WAIT_STATES);
        mem.writeWord(RCC_PLLCFGR, PLLCFGR_64MHZ);
        mem.writeWord(RCC_CR, mem.readWord(RCC_CR) | CR_PLLON);
        awaitRcc(RCC_CR, CR_PLLRDY, CR_PLLRDY, "PLLRDY");
        mem.writeWord(RCC_CFGR, (mem.readWord(RCC_CFGR) & ~0x3) | CFGR_PPRE1_DIV2 | CFGR_SW_PLL);
        awaitRcc(RCC_CFGR, CFGR_SWS_MASK, CFGR_SWS_PLL, "the switch to the PLL");
    }

    private void awaitRcc(int register, int mask, int value, String what) throws ProbeException, Unavailable {
        long deadline = clock.nanos() + READY_TIMEOUT_NANOS;
        while ((mem.readWord(register) & mask) != value) {
            if (clock.nanos() >= deadline) {
                throw new Unavailable("the RCC never reported " + what);
            }
            HostWaits.sleep(clock, POLL_NANOS);
        }
    }

    private static byte[] routine() {
        try (InputStream in = OnTargetCrc.class.getResourceAsStream("crc32.bin")) {
            if (in == null) {
                throw new IllegalStateException("crc32.bin is missing from the driver's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] words(byte[] bytes) {
        int[] words = new int[(bytes.length + 3) / 4];
        for (int i = 0; i < bytes.length; i++) {
            words[i / 4] |= (bytes[i] & 0xFF) << (8 * (i % 4));
        }
        return words;
    }

    private static int offsetOfBreakpoint(byte[] code) {
        for (int i = 0; i + 1 < code.length; i += 2) {
            if (((code[i] & 0xFF) | (code[i + 1] & 0xFF) << 8) == BKPT) {
                return i;
            }
        }
        throw new IllegalStateException("crc32.bin has no BKPT #0x5C");
    }
}
