package io.flashstation.probe.arm;

/**
 * Where a sub-word access sits in the 32-bit DRW: on the byte lanes of its address, not shifted down
 * (adiv5-swd-jtag.md §6.3; the F_SIZE half-word at 0x1FFF7A22 comes back in DRW[31:16], stm32f411-target.md §4).
 */
public final class ByteLanes {

    private ByteLanes() {
    }

    /** The DRW value that carries {@code value} of {@code size} to {@code address}. */
    public static int toDrw(AccessSize size, int address, int value) {
        return (value & size.valueMask()) << shift(size, address);
    }

    /** The value of {@code size} at {@code address} taken out of a DRW read. */
    public static int fromDrw(AccessSize size, int address, int drw) {
        return (drw >>> shift(size, address)) & size.valueMask();
    }

    private static int shift(AccessSize size, int address) {
        if ((address & (size.bytes() - 1)) != 0) {
            throw new IllegalArgumentException(String.format("a %s access at 0x%08X is not aligned", size, address));
        }
        return 8 * (address & 3);
    }
}
