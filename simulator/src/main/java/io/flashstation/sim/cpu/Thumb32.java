package io.flashstation.sim.cpu;

import io.flashstation.sim.target.AccessSize;

/** The 32-bit Thumb-2 integer instructions of ARMv7-M (DDI 0403 A5.3), decoded and executed on a {@link ThumbExecutor}. */
final class Thumb32 {

    private static final int COPROCESSOR_ACCESS = 0xE000_ED88; // CPACR

    private final ThumbExecutor x;

    Thumb32(ThumbExecutor executor) {
        this.x = executor;
    }

    void execute(int hw1, int hw2) {
        int op1 = (hw1 >>> 11) & 3;
        int op2 = (hw1 >>> 4) & 0x7F;
        if (op1 == 1) {
            if ((op2 & 0x64) == 0x00) {
                loadStoreMultiple(hw1, hw2);
            } else if ((op2 & 0x64) == 0x04) {
                loadStoreDualExclusiveTable(hw1, hw2);
            } else if ((op2 & 0x60) == 0x20) {
                dataProcessingShiftedRegister(hw1, hw2);
            } else {
                coprocessor();
            }
        } else if (op1 == 2) {
            if ((hw2 & 0x8000) != 0) {
                branchesAndMiscellaneousControl(hw1, hw2);
            } else if ((op2 & 0x20) == 0) {
                dataProcessingModifiedImmediate(hw1, hw2);
            } else {
                dataProcessingPlainImmediate(hw1, hw2);
            }
        } else {
            if ((op2 & 0x71) == 0x00) {
                storeSingle(hw1, hw2);
            } else if ((op2 & 0x67) == 0x01 || (op2 & 0x67) == 0x03 || (op2 & 0x67) == 0x05) {
                loadSingle(hw1, hw2);
            } else if ((op2 & 0x70) == 0x20) {
                dataProcessingRegister(hw1, hw2);
            } else if ((op2 & 0x78) == 0x30) {
                multiply(hw1, hw2);
            } else if ((op2 & 0x78) == 0x38) {
                longMultiplyDivide(hw1, hw2);
            } else if ((op2 & 0x40) != 0) {
                coprocessor();
            } else {
                throw ThumbExecutor.undefined();
            }
        }
    }

    /** No FPU is modelled: coprocessor instructions fault NOCP (B3.2.20 CPACR decides which UsageFault). */
    private void coprocessor() {
        throw new CpuFault(FaultKind.NO_COPROCESSOR, COPROCESSOR_ACCESS);
    }

    // --- load/store multiple, dual, exclusive, table branch ----------------------------------------------

    private void loadStoreMultiple(int hw1, int hw2) {
        int rn = hw1 & 0xF;
        boolean writeBack = (hw1 & 0x20) != 0;
        boolean load = (hw1 & 0x10) != 0;
        int mode = (hw1 >>> 7) & 3; // 01 IA, 10 DB
        if (mode == 0 || mode == 3) {
            throw ThumbExecutor.undefined(); // SRS/RFE are not in ARMv7-M
        }
        int registers = hw2 & (load ? 0xDFFF : 0x5FFF);
        int count = Integer.bitCount(registers);
        int base = x.reg(rn);
        int address = mode == 1 ? base : base - 4 * count;
        int end = mode == 1 ? base + 4 * count : base - 4 * count;
        if (!load) {
            for (int r = 0; r < 15; r++) {
                if ((registers & (1 << r)) != 0) {
                    x.storeAlignedWord(address, x.reg(r));
                    address += 4;
                }
            }
            if (writeBack) {
                x.setReg(rn, end);
            }
            return;
        }
        int[] values = new int[16];
        for (int r = 0; r < 16; r++) {
            if ((registers & (1 << r)) != 0) {
                values[r] = x.loadAlignedWord(address);
                address += 4;
            }
        }
        if (writeBack && (registers & (1 << rn)) == 0) {
            x.setReg(rn, end);
        }
        for (int r = 0; r < 15; r++) {
            if ((registers & (1 << r)) != 0) {
                x.setReg(r, values[r]);
            }
        }
        if ((registers & (1 << 15)) != 0) {
            x.bxWritePc(values[15]);
        }
    }

    private void loadStoreDualExclusiveTable(int hw1, int hw2) {
        int rn = hw1 & 0xF;
        int rt = (hw2 >>> 12) & 0xF;
        int op1 = (hw1 >>> 7) & 3;
        int op2 = (hw1 >>> 4) & 3;
        if (op1 == 0 && op2 == 0) { // STREX
            int address = x.reg(rn) + ((hw2 & 0xFF) << 2);
            x.setReg((hw2 >>> 8) & 0xF, x.storeExclusive(address, AccessSize.WORD, x.reg(rt)));
        } else if (op1 == 0 && op2 == 1) { // LDREX
            x.setReg(rt, x.loadExclusive(x.reg(rn) + ((hw2 & 0xFF) << 2), AccessSize.WORD));
        } else if (op1 == 1 && op2 == 0) { // STREXB/H
            AccessSize size = exclusiveSize(hw2);
            x.setReg(hw2 & 0xF, x.storeExclusive(x.reg(rn), size, x.reg(rt)));
        } else if (op1 == 1 && op2 == 1) {
            int op3 = (hw2 >>> 4) & 0xF;
            if (op3 == 0 || op3 == 1) { // TBB, TBH
                int rm = x.reg(hw2 & 0xF);
                int offset = op3 == 0 ? x.load(x.reg(rn) + rm, AccessSize.BYTE)
                        : x.load(x.reg(rn) + (rm << 1), AccessSize.HALFWORD);
                x.branchWritePc(x.reg(15) + 2 * offset);
            } else {
                x.setReg(rt, x.loadExclusive(x.reg(rn), exclusiveSize(hw2)));
            }
        } else {
            loadStoreDual(hw1, hw2);
        }
    }

    private static AccessSize exclusiveSize(int hw2) {
        return switch ((hw2 >>> 4) & 0xF) {
            case 4 -> AccessSize.BYTE;
            case 5 -> AccessSize.HALFWORD;
            default -> throw ThumbExecutor.undefined();
        };
    }

    private void loadStoreDual(int hw1, int hw2) {
        int rn = hw1 & 0xF;
        int rt = (hw2 >>> 12) & 0xF;
        int rt2 = (hw2 >>> 8) & 0xF;
        boolean index = (hw1 & 0x100) != 0;
        boolean add = (hw1 & 0x80) != 0;
        boolean writeBack = (hw1 & 0x20) != 0;
        int offset = (hw2 & 0xFF) << 2;
        int base = rn == 15 ? x.alignedPc() : x.reg(rn);
        int offsetAddress = add ? base + offset : base - offset;
        int address = index ? offsetAddress : base;
        if ((hw1 & 0x10) != 0) {
            int first = x.loadAlignedWord(address);
            int second = x.loadAlignedWord(address + 4);
            if (writeBack) {
                x.setReg(rn, offsetAddress);
            }
            x.setReg(rt, first);
            x.setReg(rt2, second);
        } else {
            x.storeAlignedWord(address, x.reg(rt));
            x.storeAlignedWord(address + 4, x.reg(rt2));
            if (writeBack) {
                x.setReg(rn, offsetAddress);
            }
        }
    }

    // --- data processing -------------------------------------------------------------------------------

    private void dataProcessingShiftedRegister(int hw1, int hw2) {
        int type = (hw2 >>> 4) & 3;
        int imm5 = ((hw2 >>> 10) & 0x1C) | ((hw2 >>> 6) & 3);
        long shifted = Alu.shiftC(x.reg(hw2 & 0xF), Alu.decodeShiftType(type, imm5),
                Alu.decodeShiftAmount(type, imm5), x.carry());
        int op = (hw1 >>> 5) & 0xF;
        if (op == 0x6) {
            throw ThumbExecutor.undefined(); // PKHBT/PKHTB: DSP extension, not modelled
        }
        dataOperation(op, hw1, hw2, Alu.value(shifted), Alu.carry(shifted));
    }

    private void dataProcessingModifiedImmediate(int hw1, int hw2) {
        int imm12 = ((hw1 & 0x400) << 1) | ((hw2 >>> 4) & 0x700) | (hw2 & 0xFF);
        long expanded = Alu.thumbExpandImmC(imm12, x.carry());
        dataOperation((hw1 >>> 5) & 0xF, hw1, hw2, Alu.value(expanded), Alu.carry(expanded));
    }

    /**
     * The shared opcode table of A5.3.1 and A5.3.11: with Rd = PC and S set, AND/EOR/ADD/SUB become
     * TST/TEQ/CMN/CMP; with Rn = PC, ORR/ORN become MOV/MVN.
     */
    private void dataOperation(int op, int hw1, int hw2, int operand, boolean shifterCarry) {
        int rn = hw1 & 0xF;
        int rd = (hw2 >>> 8) & 0xF;
        boolean setFlags = (hw1 & 0x10) != 0;
        boolean compare = rd == 15 && setFlags;
        int a = rn == 15 ? 0 : x.reg(rn);
        switch (op) {
            case 0x0 -> logical(rd, a & operand, shifterCarry, setFlags, !compare);            // AND / TST
            case 0x1 -> logical(rd, a & ~operand, shifterCarry, setFlags, true);               // BIC
            case 0x2 -> logical(rd, rn == 15 ? operand : a | operand, shifterCarry, setFlags, true);   // ORR / MOV
            case 0x3 -> logical(rd, rn == 15 ? ~operand : a | ~operand, shifterCarry, setFlags, true); // ORN / MVN
            case 0x4 -> logical(rd, a ^ operand, shifterCarry, setFlags, !compare);            // EOR / TEQ
            case 0x8 -> arithmetic(rd, Alu.addWithCarry(a, operand, false), setFlags, !compare); // ADD / CMN
            case 0xA -> arithmetic(rd, Alu.addWithCarry(a, operand, x.carry()), setFlags, true);  // ADC
            case 0xB -> arithmetic(rd, Alu.addWithCarry(a, ~operand, x.carry()), setFlags, true); // SBC
            case 0xD -> arithmetic(rd, Alu.addWithCarry(a, ~operand, true), setFlags, !compare);  // SUB / CMP
            case 0xE -> arithmetic(rd, Alu.addWithCarry(~a, operand, true), setFlags, true);      // RSB
            default -> throw ThumbExecutor.undefined();
        }
    }

    private void logical(int rd, int result, boolean carry, boolean setFlags, boolean write) {
        if (write) {
            writeResult(rd, result);
        }
        if (setFlags) {
            x.setNzc(result, carry);
        }
    }

    private void arithmetic(int rd, Alu.Sum sum, boolean setFlags, boolean write) {
        if (write) {
            writeResult(rd, sum.result());
        }
        if (setFlags) {
            x.setNzcv(sum);
        }
    }

    /** 32-bit data processing may not target the PC (UNPREDICTABLE; treated as undefined). */
    private void writeResult(int rd, int value) {
        if (rd == 15) {
            throw ThumbExecutor.undefined();
        }
        x.setReg(rd, value);
    }

    private void dataProcessingPlainImmediate(int hw1, int hw2) {
        int rn = hw1 & 0xF;
        int rd = (hw2 >>> 8) & 0xF;
        int imm12 = ((hw1 & 0x400) << 1) | ((hw2 >>> 4) & 0x700) | (hw2 & 0xFF);
        int imm16 = ((hw1 & 0xF) << 12) | imm12;
        int lsb = ((hw2 >>> 10) & 0x1C) | ((hw2 >>> 6) & 3);
        int field = hw2 & 0x1F;
        switch ((hw1 >>> 4) & 0x1F) {
            case 0x00 -> writeResult(rd, rn == 15 ? x.alignedPc() + imm12 : x.reg(rn) + imm12);   // ADDW / ADR
            case 0x0A -> writeResult(rd, rn == 15 ? x.alignedPc() - imm12 : x.reg(rn) - imm12);   // SUBW / ADR
            case 0x04 -> writeResult(rd, imm16);                                                   // MOVW
            case 0x0C -> writeResult(rd, (x.reg(rd) & 0xFFFF) | (imm16 << 16));                   // MOVT
            case 0x10, 0x12 -> writeResult(rd, saturate(x.reg(rn), hw1, lsb, field + 1, true));    // SSAT
            case 0x18, 0x1A -> writeResult(rd, saturate(x.reg(rn), hw1, lsb, field, false));       // USAT
            case 0x14 -> writeResult(rd, (x.reg(rn) << (31 - lsb - field)) >> (31 - field));       // SBFX
            case 0x1C -> writeResult(rd, (x.reg(rn) << (31 - lsb - field)) >>> (31 - field));      // UBFX
            case 0x16 -> {                                                                         // BFI / BFC
                int msb = field;
                if (msb < lsb) {
                    throw ThumbExecutor.undefined();
                }
                int mask = (int) (((1L << (msb - lsb + 1)) - 1) << lsb);
                int source = rn == 15 ? 0 : x.reg(rn) << lsb;
                writeResult(rd, (x.reg(rd) & ~mask) | (source & mask));
            }
            default -> throw ThumbExecutor.undefined();
        }
    }

    /** SSAT/USAT with an optional LSL/ASR of the operand; sets Q when the value had to be clamped. */
    private int saturate(int value, int hw1, int amount, int bits, boolean signed) {
        int type = (hw1 & 0x20) != 0 ? Alu.SRTYPE_ASR : Alu.SRTYPE_LSL;
        if (type == Alu.SRTYPE_ASR && amount == 0) {
            throw ThumbExecutor.undefined(); // the 16-bit-lane forms belong to the DSP extension
        }
        long operand = Alu.value(Alu.shiftC(value, type, amount, false));
        long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        long min = signed ? -(1L << (bits - 1)) : 0;
        long clamped = Math.max(min, Math.min(max, operand));
        if (clamped != operand) {
            x.setQ();
        }
        return (int) clamped;
    }

    private void dataProcessingRegister(int hw1, int hw2) {
        if ((hw2 & 0xF000) != 0xF000) {
            throw ThumbExecutor.undefined();
        }
        int op1 = (hw1 >>> 4) & 0xF;
        int op2 = (hw2 >>> 4) & 0xF;
        int rn = hw1 & 0xF;
        int rd = (hw2 >>> 8) & 0xF;
        int rm = x.reg(hw2 & 0xF);
        if ((op1 & 8) == 0 && op2 == 0) { // LSL, LSR, ASR, ROR (register)
            long shifted = Alu.shiftC(x.reg(rn), op1 >>> 1, rm & 0xFF, x.carry());
            logical(rd, Alu.value(shifted), Alu.carry(shifted), (op1 & 1) != 0, true);
        } else if ((op1 & 8) == 0 && (op2 & 8) != 0) { // SXTAH, UXTAH, SXTAB, UXTAB and the plain forms
            int rotated = Integer.rotateRight(rm, 8 * (op2 & 3));
            int extended = switch (op1) {
                case 0 -> (short) rotated;
                case 1 -> rotated & 0xFFFF;
                case 4 -> (byte) rotated;
                case 5 -> rotated & 0xFF;
                default -> throw ThumbExecutor.undefined(); // 16-bit lane extends: DSP extension
            };
            writeResult(rd, rn == 15 ? extended : x.reg(rn) + extended);
        } else if ((op1 & 0xC) == 8 && (op2 & 0xC) == 8) {
            writeResult(rd, miscellaneous(op1 & 3, op2 & 3, rm));
        } else {
            throw ThumbExecutor.undefined(); // parallel add/subtract and saturating arithmetic: DSP extension
        }
    }

    private static int miscellaneous(int op1, int op2, int rm) {
        return switch ((op1 << 2) | op2) {
            case 0x4 -> Integer.reverseBytes(rm);                                       // REV
            case 0x5 -> ((rm >>> 8) & 0x00FF_00FF) | ((rm << 8) & 0xFF00_FF00);         // REV16
            case 0x6 -> Integer.reverse(rm);                                            // RBIT
            case 0x7 -> (short) (((rm & 0xFF) << 8) | ((rm >>> 8) & 0xFF));             // REVSH
            case 0xC -> Integer.numberOfLeadingZeros(rm);                               // CLZ
            default -> throw ThumbExecutor.undefined();
        };
    }

    private void multiply(int hw1, int hw2) {
        int op1 = (hw1 >>> 4) & 7;
        int op2 = (hw2 >>> 4) & 3;
        int ra = (hw2 >>> 12) & 0xF;
        int product = x.reg(hw1 & 0xF) * x.reg(hw2 & 0xF);
        int rd = (hw2 >>> 8) & 0xF;
        if (op1 != 0 || op2 > 1) {
            throw ThumbExecutor.undefined(); // signed halfword/word multiplies: DSP extension
        }
        if (op2 == 0) {
            writeResult(rd, ra == 15 ? product : x.reg(ra) + product); // MUL, MLA
        } else {
            writeResult(rd, x.reg(ra) - product); // MLS
        }
    }

    private void longMultiplyDivide(int hw1, int hw2) {
        int op1 = (hw1 >>> 4) & 7;
        int op2 = (hw2 >>> 4) & 0xF;
        int n = x.reg(hw1 & 0xF);
        int m = x.reg(hw2 & 0xF);
        int rdLo = (hw2 >>> 12) & 0xF;
        int rdHi = (hw2 >>> 8) & 0xF;
        if (op1 == 1 && op2 == 0xF) { // SDIV: divide by zero gives 0 while CCR.DIV_0_TRP is clear
            writeResult(rdHi, m == 0 ? 0 : (n == Integer.MIN_VALUE && m == -1 ? n : n / m));
            return;
        }
        if (op1 == 3 && op2 == 0xF) { // UDIV
            writeResult(rdHi, m == 0 ? 0 : Integer.divideUnsigned(n, m));
            return;
        }
        if (op2 != 0) {
            throw ThumbExecutor.undefined();
        }
        long accumulator = ((long) x.reg(rdHi) << 32) | (x.reg(rdLo) & 0xFFFF_FFFFL);
        long product = switch (op1) {
            case 0 -> (long) n * m;                                                  // SMULL
            case 2 -> (n & 0xFFFF_FFFFL) * (m & 0xFFFF_FFFFL);                       // UMULL
            case 4 -> accumulator + (long) n * m;                                    // SMLAL
            case 6 -> accumulator + (n & 0xFFFF_FFFFL) * (m & 0xFFFF_FFFFL);         // UMLAL
            default -> throw ThumbExecutor.undefined();
        };
        writeResult(rdLo, (int) product);
        writeResult(rdHi, (int) (product >>> 32));
    }

    // --- branches and miscellaneous control --------------------------------------------------------------

    private void branchesAndMiscellaneousControl(int hw1, int hw2) {
        int op1 = (hw2 >>> 12) & 5;
        int s = (hw1 >>> 10) & 1;
        int j1 = (hw2 >>> 13) & 1;
        int j2 = (hw2 >>> 11) & 1;
        if (op1 == 0) {
            if ((hw1 & 0x0380) != 0x0380) { // B<c>.W, T3: S:J2:J1:imm6:imm11:'0'
                int imm = (s << 20) | (j2 << 19) | (j1 << 18) | ((hw1 & 0x3F) << 12) | ((hw2 & 0x7FF) << 1);
                if (x.conditionPassed((hw1 >>> 6) & 0xF)) {
                    x.branchWritePc(x.reg(15) + ((imm << 11) >> 11));
                }
                return;
            }
            miscellaneousControl(hw1, hw2);
            return;
        }
        if (op1 == 4) {
            throw ThumbExecutor.undefined(); // includes UDF.W (hw1 1111 0111 1111)
        }
        int i1 = ~(j1 ^ s) & 1;
        int i2 = ~(j2 ^ s) & 1;
        int imm = (s << 24) | (i1 << 23) | (i2 << 22) | ((hw1 & 0x3FF) << 12) | ((hw2 & 0x7FF) << 1);
        int target = x.reg(15) + ((imm << 7) >> 7);
        if (op1 == 5) { // BL
            x.setReg(14, x.nextPc() | 1);
        }
        x.branchWritePc(target);
    }

    private void miscellaneousControl(int hw1, int hw2) {
        switch ((hw1 >>> 4) & 0x7F) {
            case 0x38, 0x39 -> x.writeSpecial(hw2 & 0xFF, (hw2 >>> 10) & 3, x.reg(hw1 & 0xF)); // MSR
            case 0x3A -> { // hints
                switch (hw2 & 0xFF) {
                    case 2 -> x.raise(ThumbExecutor.Event.WAIT_FOR_EVENT);
                    case 3 -> x.raise(ThumbExecutor.Event.WAIT_FOR_INTERRUPT);
                    case 4 -> x.raise(ThumbExecutor.Event.SEND_EVENT);
                    default -> {
                        // NOP.W, YIELD.W, DBG and unallocated hints do nothing here
                    }
                }
            }
            case 0x3B -> { // DSB, DMB, ISB complete at once (no write buffer is modelled); CLREX clears the monitor
                if (((hw2 >>> 4) & 0xF) == 2) {
                    x.clearExclusive();
                }
            }
            case 0x3E, 0x3F -> writeResult((hw2 >>> 8) & 0xF, x.readSpecial(hw2 & 0xFF)); // MRS
            default -> throw ThumbExecutor.undefined();
        }
    }

    // --- single loads and stores (A5.3.10, A5.3.9, A5.3.8, A5.3.7) ---------------------------------------

    private void storeSingle(int hw1, int hw2) {
        AccessSize size = sizeOf((hw1 >>> 5) & 3);
        int rn = hw1 & 0xF;
        if (rn == 15) {
            throw ThumbExecutor.undefined();
        }
        Addressing at = addressing(hw1, hw2, rn);
        x.store(at.address, size, x.reg((hw2 >>> 12) & 0xF));
        if (at.writeBack) {
            x.setReg(rn, at.offsetAddress);
        }
    }

    private void loadSingle(int hw1, int hw2) {
        AccessSize size = sizeOf((hw1 >>> 5) & 3);
        boolean signed = (hw1 & 0x100) != 0;
        int rn = hw1 & 0xF;
        int rt = (hw2 >>> 12) & 0xF;
        Addressing at = rn == 15 ? literal(hw1, hw2) : addressing(hw1, hw2, rn);
        if (rt == 15 && size != AccessSize.WORD) {
            return; // PLD, PLI and their unallocated neighbours are hints
        }
        int value = x.load(at.address, size);
        if (signed) {
            value = size == AccessSize.BYTE ? (byte) value : (short) value;
        }
        if (at.writeBack) {
            x.setReg(rn, at.offsetAddress);
        }
        if (rt == 15) {
            x.bxWritePc(value);
        } else {
            x.setReg(rt, value);
        }
    }

    private static AccessSize sizeOf(int bits) {
        return switch (bits) {
            case 0 -> AccessSize.BYTE;
            case 1 -> AccessSize.HALFWORD;
            case 2 -> AccessSize.WORD;
            default -> throw ThumbExecutor.undefined();
        };
    }

    private record Addressing(int address, int offsetAddress, boolean writeBack) {
    }

    private Addressing literal(int hw1, int hw2) {
        int imm12 = hw2 & 0xFFF;
        int base = x.alignedPc();
        return new Addressing((hw1 & 0x80) != 0 ? base + imm12 : base - imm12, 0, false);
    }

    /** imm12 (positive), imm8 with P/U/W (and the unprivileged T forms), or register LSL #imm2. */
    private Addressing addressing(int hw1, int hw2, int rn) {
        int base = x.reg(rn);
        if ((hw1 & 0x80) != 0) {
            return new Addressing(base + (hw2 & 0xFFF), 0, false);
        }
        if ((hw2 & 0x0FC0) == 0) {
            return new Addressing(base + (x.reg(hw2 & 0xF) << ((hw2 >>> 4) & 3)), 0, false);
        }
        if ((hw2 & 0x0800) == 0) {
            throw ThumbExecutor.undefined();
        }
        boolean index = (hw2 & 0x400) != 0;
        boolean add = (hw2 & 0x200) != 0;
        boolean writeBack = (hw2 & 0x100) != 0;
        int offset = hw2 & 0xFF;
        int offsetAddress = add ? base + offset : base - offset;
        if (index && add && !writeBack) {
            return new Addressing(offsetAddress, 0, false); // LDRT/STRT: privilege checks are not modelled
        }
        return new Addressing(index ? offsetAddress : base, offsetAddress, writeBack);
    }
}
