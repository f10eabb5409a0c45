package io.flashstation.sim.cpu;

/**
 * The arithmetic and shift helpers of the ARMv7-M pseudocode (DDI 0403 A2.2, A2.3, A5.3.2, A7.4.2):
 * AddWithCarry, Shift_C, ThumbExpandImm_C and DecodeImmShift. Shifts and immediate expansion return the value in
 * the low 32 bits and the carry-out in bit 32 of a long.
 */
public final class Alu {

    public static final int SRTYPE_LSL = 0;
    public static final int SRTYPE_LSR = 1;
    public static final int SRTYPE_ASR = 2;
    public static final int SRTYPE_ROR = 3;
    /** Rotate right with extend: ROR with an immediate of 0 (A7.4.2). */
    public static final int SRTYPE_RRX = 4;

    private static final long CARRY = 1L << 32;

    private Alu() {
    }

    /** Packs a 32-bit result with a carry-out. */
    static long withCarry(int value, boolean carry) {
        return (value & 0xFFFF_FFFFL) | (carry ? CARRY : 0);
    }

    static int value(long packed) {
        return (int) packed;
    }

    static boolean carry(long packed) {
        return (packed & CARRY) != 0;
    }

    /**
     * AddWithCarry(x, y, carry_in): the sum and its N, Z, C, V flags in APSR layout (bits 31:28) of the
     * returned {@link Sum}.
     */
    public static Sum addWithCarry(int x, int y, boolean carryIn) {
        long unsigned = (x & 0xFFFF_FFFFL) + (y & 0xFFFF_FFFFL) + (carryIn ? 1 : 0);
        long signed = (long) x + (long) y + (carryIn ? 1 : 0);
        int result = (int) unsigned;
        boolean carry = (unsigned >>> 32) != 0;
        boolean overflow = signed != result;
        return new Sum(result, nzcv(result, carry, overflow));
    }

    /** A sum and the flags it sets, N Z C V in bits 31:28. */
    public record Sum(int result, int flags) {
    }

    /** N Z C V in APSR bit positions. */
    public static int nzcv(int result, boolean carry, boolean overflow) {
        return (result & 0x8000_0000) | (result == 0 ? 1 << 30 : 0) | (carry ? 1 << 29 : 0) | (overflow ? 1 << 28 : 0);
    }

    /**
     * Shift_C(value, type, amount, carry_in) for amounts 0–255 (register-controlled shifts pass Rm[7:0]); RRX
     * ignores the amount.
     */
    public static long shiftC(int value, int type, int amount, boolean carryIn) {
        if (type == SRTYPE_RRX) {
            return withCarry((value >>> 1) | (carryIn ? 0x8000_0000 : 0), (value & 1) != 0);
        }
        if (amount == 0) {
            return withCarry(value, carryIn);
        }
        return switch (type) {
            case SRTYPE_LSL -> amount < 32 ? withCarry(value << amount, ((value >>> (32 - amount)) & 1) != 0)
                    : withCarry(0, amount == 32 && (value & 1) != 0);
            case SRTYPE_LSR -> amount < 32 ? withCarry(value >>> amount, ((value >>> (amount - 1)) & 1) != 0)
                    : withCarry(0, amount == 32 && value < 0);
            case SRTYPE_ASR -> amount < 32 ? withCarry(value >> amount, ((value >> (amount - 1)) & 1) != 0)
                    : withCarry(value >> 31, value < 0);
            default -> {
                int rotated = Integer.rotateRight(value, amount & 31);
                yield withCarry(rotated, rotated < 0); // ROR_C: carry is the new bit 31, also for multiples of 32
            }
        };
    }

    /** DecodeImmShift(type, imm5): the shift type (RRX for ROR #0) and the amount (32 for LSR/ASR #0). */
    public static int decodeShiftType(int type, int imm5) {
        return type == SRTYPE_ROR && imm5 == 0 ? SRTYPE_RRX : type;
    }

    /** The amount half of DecodeImmShift. */
    public static int decodeShiftAmount(int type, int imm5) {
        return (type == SRTYPE_LSR || type == SRTYPE_ASR) && imm5 == 0 ? 32 : imm5;
    }

    /**
     * ThumbExpandImm_C(imm12, carry_in) (A5.3.2); an encoding the manual calls UNPREDICTABLE (a zero byte in a
     * replicated pattern) expands as written.
     */
    public static long thumbExpandImmC(int imm12, boolean carryIn) {
        int imm8 = imm12 & 0xFF;
        if ((imm12 & 0xC00) == 0) {
            int value = switch ((imm12 >>> 8) & 3) {
                case 0 -> imm8;
                case 1 -> imm8 | (imm8 << 16);
                case 2 -> (imm8 << 8) | (imm8 << 24);
                default -> imm8 | (imm8 << 8) | (imm8 << 16) | (imm8 << 24);
            };
            return withCarry(value, carryIn);
        }
        int rotated = Integer.rotateRight(0x80 | (imm12 & 0x7F), (imm12 >>> 7) & 0x1F);
        return withCarry(rotated, rotated < 0);
    }
}
