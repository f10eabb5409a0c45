package io.flashstation.firmware.image;

import io.flashstation.firmware.digest.Sha256;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a UF2 file (Microsoft's USB Flashing Format: 512-byte little-endian blocks, each carrying up to 476 bytes
 * for one target address). Only blocks meant for main flash count; every block must carry the STM32F4 family id,
 * and the block numbering must be complete, so a truncated or mixed file is refused.
 */
public final class Uf2Reader {

    /** The family id that uf2conv and CircuitPython's build use for STM32F4 parts. */
    public static final int FAMILY_STM32F4 = 0x5775_5A57;

    private static final int BLOCK_SIZE = 512;
    private static final int MAGIC_START_0 = 0x0A32_4655;
    private static final int MAGIC_START_1 = 0x9E5D_5157;
    private static final int MAGIC_END = 0x0AB1_6F30;
    private static final int FLAG_NOT_MAIN_FLASH = 0x0000_0001;
    private static final int FLAG_FILE_CONTAINER = 0x0000_1000;
    private static final int FLAG_FAMILY_ID_PRESENT = 0x0000_2000;
    private static final int MAX_PAYLOAD = 476;
    private static final int DATA_OFFSET = 32;

    /** Families an operator might pick up by mistake, named in the refusal so the mistake is obvious. */
    private static final Map<Integer, String> KNOWN_FAMILIES = Map.of(
            FAMILY_STM32F4, "STM32F4",
            0x5EE2_1072, "STM32F1",
            0xE48B_FF56, "RP2040",
            0x68ED_2B88, "SAMD21",
            0x5511_4460, "SAMD51",
            0xADA5_2840, "nRF52840");

    private Uf2Reader() {
    }

    /** The image the main-flash blocks of {@code file} describe. */
    public static FirmwareImage read(byte[] file) throws ImageFormatException {
        if (file.length == 0 || file.length % BLOCK_SIZE != 0) {
            throw new ImageFormatException("a UF2 file is a whole number of 512-byte blocks; this one has "
                    + file.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int blockCount = file.length / BLOCK_SIZE;
        SegmentCollector collector = new SegmentCollector();
        boolean[] seen = null;
        int numBlocks = -1;
        for (int index = 0; index < blockCount; index++) {
            int at = index * BLOCK_SIZE;
            String where = "block " + index + " (file offset " + at + ")";
            if (buffer.getInt(at) != MAGIC_START_0 || buffer.getInt(at + 4) != MAGIC_START_1
                    || buffer.getInt(at + BLOCK_SIZE - 4) != MAGIC_END) {
                throw new ImageFormatException(where + ": bad UF2 magic numbers");
            }
            int blockNo = buffer.getInt(at + 20);
            int blocksInFile = buffer.getInt(at + 24);
            if (numBlocks < 0) {
                if (blocksInFile <= 0) {
                    throw new ImageFormatException(where + ": total block count " + blocksInFile + " is not positive");
                }
                numBlocks = blocksInFile;
                seen = new boolean[numBlocks];
            } else if (blocksInFile != numBlocks) {
                throw new ImageFormatException(where + ": says the file has " + blocksInFile
                        + " blocks, earlier blocks said " + numBlocks);
            }
            if (blockNo < 0 || blockNo >= numBlocks) {
                throw new ImageFormatException(where + ": block number " + blockNo + " is outside 0.." + (numBlocks - 1));
            }
            if (seen[blockNo]) {
                throw new ImageFormatException(where + ": block number " + blockNo + " appears twice");
            }
            seen[blockNo] = true;
            int flags = buffer.getInt(at + 8);
            if ((flags & FLAG_NOT_MAIN_FLASH) != 0) {
                // Comment blocks count in the numbering but are never written.
                continue;
            }
            if ((flags & FLAG_FILE_CONTAINER) != 0) {
                throw new ImageFormatException(where + ": a file-container block, not a flash image");
            }
            if ((flags & FLAG_FAMILY_ID_PRESENT) == 0) {
                throw new ImageFormatException(where + ": no family id; refusing an image not marked for STM32F4");
            }
            int family = buffer.getInt(at + 28);
            if (family != FAMILY_STM32F4) {
                throw new ImageFormatException(String.format("%s: family id 0x%08X (%s) is not STM32F4 (0x%08X)",
                        where, family, KNOWN_FAMILIES.getOrDefault(family, "unknown family"), FAMILY_STM32F4));
            }
            long targetAddress = Integer.toUnsignedLong(buffer.getInt(at + 12));
            int payloadSize = buffer.getInt(at + 16);
            if (payloadSize <= 0 || payloadSize > MAX_PAYLOAD) {
                throw new ImageFormatException(where + ": payload size " + Integer.toUnsignedString(payloadSize)
                        + " is outside 1.." + MAX_PAYLOAD);
            }
            byte[] payload = Arrays.copyOfRange(file, at + DATA_OFFSET, at + DATA_OFFSET + payloadSize);
            collector.add(targetAddress, payload, where);
        }
        for (int blockNo = 0; blockNo < seen.length; blockNo++) {
            if (!seen[blockNo]) {
                throw new ImageFormatException("block number " + blockNo + " of " + seen.length
                        + " is missing: the UF2 file is truncated or incomplete");
            }
        }
        if (collector.isEmpty()) {
            throw new ImageFormatException("the UF2 file has no blocks for main flash");
        }
        return new FirmwareImage(ImageFormat.UF2, Sha256.of(file), collector.segments());
    }
}
