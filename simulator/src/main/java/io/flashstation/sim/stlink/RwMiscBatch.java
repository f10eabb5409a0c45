package io.flashstation.sim.stlink;

import static io.flashstation.sim.bytes.LittleEndian.putU32;
import static io.flashstation.sim.bytes.LittleEndian.u32;
import static io.flashstation.sim.bytes.LittleEndian.u8;

/**
 * RW_MISC batches (stlink.md §5.4): RW_MISC_OUT brings one opcode per item (padded to 4 bytes) and one
 * 32-bit operand per item; the firmware runs them as 32-bit accesses and RW_MISC_IN returns every item's value
 * and then every item's status.
 */
final class RwMiscBatch {

    private static final int OP_SET_ADDRESS = 1;
    private static final int OP_WRITE = 2;
    private static final int OP_READ = 3;
    private static final int OP_SELECT_AP = 5;

    private final MemoryAccessPort memory;
    private byte[] results = new byte[0];

    RwMiscBatch(MemoryAccessPort memory) {
        this.memory = memory;
    }

    /** Size of RW_MISC_OUT's data-out phase for {@code items} items. */
    static int requestBytes(int items) {
        return alignedOpcodeBytes(items) + 4 * items;
    }

    /** Runs a batch; the outcome waits for RW_MISC_IN. No reply of its own. */
    byte[] run(int items, byte[] request) {
        int count = Math.max(0, Math.min(items, request.length / 5));
        byte[] out = new byte[8 * count];
        int operands = alignedOpcodeBytes(count);
        int ap = 0;
        int address = 0;
        for (int i = 0; i < count; i++) {
            int operand = u32(request, operands + 4 * i);
            int status = StlinkStatus.OK;
            try {
                switch (u8(request, i)) {
                    case OP_SELECT_AP -> ap = operand & 0xFF;
                    case OP_SET_ADDRESS -> address = operand;
                    case OP_WRITE -> memory.write(ap, CoreDebugAccess.DEFAULT_CSW, address, word(operand), 4,
                            AccessWidth.WORD, true);
                    case OP_READ -> putU32(out, 4 * i, readWord(ap, operand));
                    default -> status = StlinkStatus.UNKNOWN_COMMAND;
                }
            } catch (MemoryAccessPort.TransferFault f) {
                status = f.status();
            }
            putU32(out, 4 * count + 4 * i, status);
        }
        results = out;
        return null;
    }

    /** RW_MISC_IN: the values of the last batch, then their statuses. */
    byte[] results() {
        return results.clone();
    }

    private int readWord(int ap, int address) throws MemoryAccessPort.TransferFault {
        byte[] value = new byte[4];
        memory.read(ap, CoreDebugAccess.DEFAULT_CSW, address, value, 4, AccessWidth.WORD, true);
        return u32(value, 0);
    }

    private static byte[] word(int value) {
        byte[] b = new byte[4];
        putU32(b, 0, value);
        return b;
    }

    private static int alignedOpcodeBytes(int items) {
        return (items + 3) & ~3;
    }
}
