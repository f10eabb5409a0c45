package io.flashstation.firmware.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes UF2 files as uf2conv does (256-byte payloads, family id flag), with knobs to break them for tests. Its
 * constants are written here from the UF2 specification, not taken from the reader, so a wrong constant in either
 * shows up as a failing round trip.
 */
public final class Uf2Writer {

    static final int MAGIC_START_0 = 0x0A32_4655;
    static final int MAGIC_START_1 = 0x9E5D_5157;
    static final int MAGIC_END = 0x0AB1_6F30;
    static final int FLAG_NOT_MAIN_FLASH = 0x0000_0001;
    static final int FLAG_FILE_CONTAINER = 0x0000_1000;
    static final int FLAG_FAMILY_ID_PRESENT = 0x0000_2000;
    /** STM32F4 in uf2families.json; CircuitPython's STM32F4 builds use it (circuitpython-blackpill.md §2). */
    static final int FAMILY_STM32F4 = 0x5775_5A57;
    static final int BLOCK_SIZE = 512;

    /** One block before numbering; tests may change any field. */
    public static final class Block {
        public int flags = FLAG_FAMILY_ID_PRESENT;
        public long targetAddress;
        public byte[] payload;
        public int familyId = FAMILY_STM32F4;
        public Integer blockNo;
        public Integer numBlocks;
        public int magicEnd = MAGIC_END;
        public Integer payloadSize;
    }

    private final List<Block> blocks = new ArrayList<>();

    /** Splits {@code data} into 256-byte blocks from {@code address} on. */
    public Uf2Writer data(long address, byte[] data) {
        for (int done = 0; done < data.length; done += 256) {
            Block block = new Block();
            block.targetAddress = address + done;
            block.payload = Arrays.copyOfRange(data, done, Math.min(data.length, done + 256));
            blocks.add(block);
        }
        return this;
    }

    public List<Block> blocks() {
        return blocks;
    }

    /** The file: blocks numbered in order unless a test fixed a number. */
    public byte[] finish() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            ByteBuffer buffer = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(MAGIC_START_0).putInt(MAGIC_START_1).putInt(block.flags)
                    .putInt((int) block.targetAddress)
                    .putInt(block.payloadSize != null ? block.payloadSize : block.payload.length)
                    .putInt(block.blockNo != null ? block.blockNo : i)
                    .putInt(block.numBlocks != null ? block.numBlocks : blocks.size())
                    .putInt(block.familyId)
                    .put(block.payload);
            buffer.putInt(BLOCK_SIZE - 4, block.magicEnd);
            out.writeBytes(buffer.array());
        }
        return out.toByteArray();
    }
}
