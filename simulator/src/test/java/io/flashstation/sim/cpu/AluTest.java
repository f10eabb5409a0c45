package io.flashstation.sim.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pseudocode helpers against values worked out by hand from DDI 0403 A2.2, A5.3.2 and A7.4.2. */
class AluTest {

    private static final int N = 1 << 31;
    private static final int Z = 1 << 30;
    private static final int C = 1 << 29;
    private static final int V = 1 << 28;

    // A2.2.1 AddWithCarry: unsigned carry out and signed overflow
    @Test
    void addWithCarrySetsCarryAndOverflowIndependently() {
        assertThat(Alu.addWithCarry(0x7FFF_FFFF, 1, false)).isEqualTo(new Alu.Sum(0x8000_0000, N | V));
        assertThat(Alu.addWithCarry(-1, 1, false)).isEqualTo(new Alu.Sum(0, Z | C));
        assertThat(Alu.addWithCarry(0x8000_0000, 0x8000_0000, false)).isEqualTo(new Alu.Sum(0, Z | C | V));
        assertThat(Alu.addWithCarry(5, ~5, true)).as("5 - 5: no borrow").isEqualTo(new Alu.Sum(0, Z | C));
        assertThat(Alu.addWithCarry(5, ~7, true)).as("5 - 7: borrow").isEqualTo(new Alu.Sum(-2, N));
        assertThat(Alu.addWithCarry(-1, -1, true)).isEqualTo(new Alu.Sum(-1, N | C));
    }

    // A7.4.2 Shift_C: the carry is the last bit shifted out; 32 and beyond for register shifts
    @Test
    void shiftsProduceTheLastBitShiftedOutAsCarry() {
        assertThat(Alu.shiftC(0x81, Alu.SRTYPE_LSL, 25, false)).isEqualTo(packed(0x0200_0000, true));
        assertThat(Alu.shiftC(1, Alu.SRTYPE_LSL, 32, false)).isEqualTo(packed(0, true));
        assertThat(Alu.shiftC(1, Alu.SRTYPE_LSL, 33, true)).isEqualTo(packed(0, false));
        assertThat(Alu.shiftC(0x8000_0000, Alu.SRTYPE_LSR, 32, false)).isEqualTo(packed(0, true));
        assertThat(Alu.shiftC(0x8000_0000, Alu.SRTYPE_ASR, 40, false)).isEqualTo(packed(-1, true));
        assertThat(Alu.shiftC(3, Alu.SRTYPE_ROR, 1, false)).isEqualTo(packed(0x8000_0001, true));
        assertThat(Alu.shiftC(0x8000_0000, Alu.SRTYPE_ROR, 32, false)).as("ROR by 32: value kept, C = bit 31")
                .isEqualTo(packed(0x8000_0000, true));
        assertThat(Alu.shiftC(1, Alu.SRTYPE_RRX, 1, true)).isEqualTo(packed(0x8000_0000, true));
        assertThat(Alu.shiftC(6, Alu.SRTYPE_LSR, 0, true)).as("amount 0 keeps the carry").isEqualTo(packed(6, true));
    }

    // A7.4.2 DecodeImmShift: LSR/ASR #0 mean 32, ROR #0 means RRX
    @Test
    void immediateShiftDecodingFollowsTheSpecialCases() {
        assertThat(Alu.decodeShiftAmount(Alu.SRTYPE_LSR, 0)).isEqualTo(32);
        assertThat(Alu.decodeShiftAmount(Alu.SRTYPE_ASR, 0)).isEqualTo(32);
        assertThat(Alu.decodeShiftAmount(Alu.SRTYPE_LSL, 0)).isZero();
        assertThat(Alu.decodeShiftType(Alu.SRTYPE_ROR, 0)).isEqualTo(Alu.SRTYPE_RRX);
        assertThat(Alu.decodeShiftType(Alu.SRTYPE_ROR, 3)).isEqualTo(Alu.SRTYPE_ROR);
    }

    // A5.3.2 ThumbExpandImm_C: the replicated patterns keep the carry, rotated ones take bit 31
    @Test
    void modifiedImmediatesExpandAsTheTableSays() {
        assertThat(Alu.thumbExpandImmC(0x0AB, true)).isEqualTo(packed(0xAB, true));
        assertThat(Alu.thumbExpandImmC(0x1AB, false)).isEqualTo(packed(0x00AB_00AB, false));
        assertThat(Alu.thumbExpandImmC(0x2AB, false)).isEqualTo(packed(0xAB00_AB00, false));
        assertThat(Alu.thumbExpandImmC(0x3AB, false)).isEqualTo(packed(0xABAB_ABAB, false));
        assertThat(Alu.thumbExpandImmC(0x47F, false)).as("0xFF ror 8").isEqualTo(packed(0xFF00_0000, true));
        assertThat(Alu.thumbExpandImmC(0xF7F, true)).as("0xFF ror 30").isEqualTo(packed(0x3FC, false));
    }

    private static long packed(int value, boolean carry) {
        return Alu.withCarry(value, carry);
    }
}
