package io.flashstation.firmware.image;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Writes UF2 files as uf2conv does (256-byte payloads, family id flag), with knobs to break them for tests. */
public final class Uf2Writer {

    /** One block before numbering; tests may change any field. */
    public static final class Block {
        public int flags = Uf2Reader.FLAG_FAMILY_ID_PRESENT;
        public long targetAddress;
        public byte[] payload;
        public int familyId = Uf2Reader.FAMILY_STM32F4;
        public Integer blockNo;
        public Integer numBlocks;
        public int magicEnd = Uf2Reader.MAGIC_END;
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
            ByteBuffer buffer = ByteBuffer.allocate(Uf2Reader.BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(Uf2Reader.MAGIC_START_0).putInt(Uf2Reader.MAGIC_START_1).putInt(block.flags)
                    .putInt((int) block.targetAddress)
                    .putInt(block.payloadSize != null ? block.payloadSize : block.payload.length)
                    .putInt(block.blockNo != null ? block.blockNo : i)
                    .putInt(block.numBlocks != null ? block.numBlocks : blocks.size())
                    .putInt(block.familyId)
                    .put(block.payload);
            buffer.putInt(Uf2Reader.BLOCK_SIZE - 4, block.magicEnd);
            out.writeBytes(buffer.array());
        }
        return out.toByteArray();
    }
}
