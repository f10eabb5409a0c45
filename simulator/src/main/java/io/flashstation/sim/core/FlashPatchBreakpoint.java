package io.flashstation.sim.core;

/**
 * The Flash Patch and Breakpoint unit at 0xE0002000 (stm32f411-target.md §10, §13.13): FP_CTRL with six code
 * and two literal comparators, an ENABLE bit that latches only when written together with KEY, FP_REMAP and
 * FP_COMP0–7. Its setup survives system resets.
 */
final class FlashPatchBreakpoint implements PpbComponent {

    static final int FP_CTRL = 0x000;
    static final int FP_REMAP = 0x004;
    static final int FP_COMP0 = 0x008;
    static final int COMPARATORS = 8;
    /** The first six comparators match instruction addresses; the last two are literal comparators. */
    static final int CODE_COMPARATORS = 6;

    /** NUM_CODE = 6 (bits 7:4), NUM_LIT = 2 (bits 11:8), REV 0 (FPBv1): reads 0x260 while disabled (§1). */
    private static final int FP_CTRL_FIXED = 0x260;
    private static final int FP_CTRL_ENABLE = 1;
    private static final int FP_CTRL_KEY = 1 << 1;
    private static final int FP_COMP_WRITABLE = 0xDFFF_FFFD; // REPLACE, COMP[28:2], ENABLE
    private static final int FP_REMAP_WRITABLE = 0x1FFF_FFE0;
    private static final CoreSightId ID = new CoreSightId(0x003, CoreSightId.ARM, 2, CoreSightId.CLASS_GENERIC_IP);

    private boolean enabled;
    private int remap;
    private final int[] comparators = new int[COMPARATORS];

    void powerOn() {
        enabled = false;
        remap = 0;
        java.util.Arrays.fill(comparators, 0);
    }

    @Override
    public int read(int offset) {
        if (offset == FP_CTRL) {
            return FP_CTRL_FIXED | (enabled ? FP_CTRL_ENABLE : 0);
        }
        if (offset == FP_REMAP) {
            return remap;
        }
        int index = comparator(offset);
        if (index >= 0) {
            return comparators[index];
        }
        return CoreSightId.covers(offset) ? ID.read(offset) : 0;
    }

    @Override
    public void write(int offset, int value) {
        if (offset == FP_CTRL) {
            if ((value & FP_CTRL_KEY) != 0) {
                enabled = (value & FP_CTRL_ENABLE) != 0; // without KEY the write is ignored
            }
        } else if (offset == FP_REMAP) {
            remap = value & FP_REMAP_WRITABLE;
        } else {
            int index = comparator(offset);
            if (index >= 0) {
                comparators[index] = value & FP_COMP_WRITABLE;
            }
        }
    }

    /**
     * True when an enabled code comparator matches the instruction at {@code pc}: COMP[28:2] equal and REPLACE
     * selecting the half-word (01 lower, 10 upper, 11 both); FPBv1 only covers the code region below 0x20000000.
     */
    boolean breakpointAt(int pc) {
        if (!enabled || Integer.compareUnsigned(pc, 0x2000_0000) >= 0) {
            return false;
        }
        for (int index = 0; index < CODE_COMPARATORS; index++) {
            int comparator = comparators[index];
            int replace = comparator >>> 30;
            if ((comparator & 1) != 0 && replace != 0 && (comparator & 0x1FFF_FFFC) == (pc & 0x1FFF_FFFC)
                    && (replace & ((pc & 2) != 0 ? 2 : 1)) != 0) {
                return true;
            }
        }
        return false;
    }

    private static int comparator(int offset) {
        int index = (offset - FP_COMP0) / 4;
        return offset >= FP_COMP0 && index < COMPARATORS ? index : -1;
    }
}
