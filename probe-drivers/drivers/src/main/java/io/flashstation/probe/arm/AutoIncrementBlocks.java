package io.flashstation.probe.arm;

/**
 * Splits a run of sequential accesses so that none crosses the MEM-AP's auto-increment block: TAR is only
 * guaranteed to increment within 1 KiB (ADIv5), 4 KiB on Cortex-M3/M4 AHB-APs (adiv5-swd-jtag.md §6.3), so a new
 * TAR write starts every block.
 */
public final class AutoIncrementBlocks {

    /** The ADIv5 guarantee, used when the AP's own block is not known. */
    public static final int ADIV5_MINIMUM = 1024;
    /** The Cortex-M3/M4 AHB-AP's block. */
    public static final int CORTEX_M4 = 4096;

    private final int blockBytes;

    public AutoIncrementBlocks(int blockBytes) {
        if (blockBytes < ADIV5_MINIMUM || Integer.bitCount(blockBytes) != 1) {
            throw new IllegalArgumentException("an auto-increment block is a power of two of at least 1 KiB: "
                    + blockBytes);
        }
        this.blockBytes = blockBytes;
    }

    public int blockBytes() {
        return blockBytes;
    }

    /**
     * How many of {@code remaining} accesses of {@code size} starting at {@code address} fit before the next block
     * boundary (at least one).
     */
    public int accessesBeforeBoundary(int address, AccessSize size, int remaining) {
        int bytesLeftInBlock = blockBytes - (address & (blockBytes - 1));
        return Math.min(remaining, bytesLeftInBlock / size.bytes());
    }
}
