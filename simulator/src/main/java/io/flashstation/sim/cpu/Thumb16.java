package io.flashstation.sim.cpu;

import io.flashstation.sim.target.AccessSize;

/** The 16-bit Thumb instructions of ARMv7-M (DDI 0403 A5.2), decoded and executed on a {@link ThumbExecutor}. */
final class Thumb16 {

    private final ThumbExecutor x;

    Thumb16(ThumbExecutor executor) {
        this.x = executor;
    }

    void execute(int op) {
        switch (op >>> 12) {
            case 0x0, 0x1 -> shiftAddSubtract(op);
            case 0x2, 0x3 -> immediateOperations(op);
            case 0x4 -> {
                if ((op & 0x0800) != 0) {
                    x.setReg(r8(op), x.load(x.alignedPc() + ((op & 0xFF) << 2), AccessSize.WORD)); // LDR literal
                } else if ((op & 0x0400) == 0) {
                    dataProcessing(op);
                } else {
                    specialDataAndBranch(op);
                }
            }
            case 0x5 -> loadStoreRegister(op);
            case 0x6 -> loadStoreImmediate(op, AccessSize.WORD, 2);
            case 0x7 -> loadStoreImmediate(op, AccessSize.BYTE, 0);
            case 0x8 -> loadStoreImmediate(op, AccessSize.HALFWORD, 1);
            case 0x9 -> {
                int address = x.reg(13) + ((op & 0xFF) << 2); // LDR/STR SP-relative
                if ((op & 0x0800) != 0) {
                    x.setReg(r8(op), x.load(address, AccessSize.WORD));
                } else {
                    x.store(address, AccessSize.WORD, x.reg(r8(op)));
                }
            }
            case 0xA -> x.setReg(r8(op), ((op & 0x0800) != 0 ? x.reg(13) : x.alignedPc()) + ((op & 0xFF) << 2)); // ADD SP / ADR
            case 0xB -> miscellaneous(op);
            case 0xC -> loadStoreMultiple(op);
            case 0xD -> conditionalBranchOrSupervisorCall(op);
            case 0xE -> x.branchWritePc(x.reg(15) + ((op << 21) >> 20)); // B T2, imm11:'0'
            default -> throw ThumbExecutor.undefined();
        }
    }

    private static int r8(int op) {
        return (op >>> 8) & 7;
    }

    private boolean setsFlags() {
        return !x.inItBlock(); // 16-bit data processing sets flags only outside IT blocks
    }

    private void shiftAddSubtract(int op) {
        int rd = op & 7;
        int rn = (op >>> 3) & 7;
        int kind = (op >>> 11) & 3;
        if (kind < 3) {
            int imm5 = (op >>> 6) & 0x1F;
            long shifted = Alu.shiftC(x.reg(rn), kind, Alu.decodeShiftAmount(kind, imm5), x.carry());
            x.setReg(rd, Alu.value(shifted));
            if (setsFlags()) {
                x.setNzc(Alu.value(shifted), Alu.carry(shifted));
            }
            return;
        }
        int operand = (op & 0x400) != 0 ? (op >>> 6) & 7 : x.reg((op >>> 6) & 7);
        boolean subtract = (op & 0x200) != 0;
        Alu.Sum sum = subtract ? Alu.addWithCarry(x.reg(rn), ~operand, true) : Alu.addWithCarry(x.reg(rn), operand, false);
        x.setReg(rd, sum.result());
        if (setsFlags()) {
            x.setNzcv(sum);
        }
    }

    private void immediateOperations(int op) {
        int rdn = r8(op);
        int imm8 = op & 0xFF;
        switch ((op >>> 11) & 3) {
            case 0 -> { // MOV
                x.setReg(rdn, imm8);
                if (setsFlags()) {
                    x.setNz(imm8);
                }
            }
            case 1 -> x.setNzcv(Alu.addWithCarry(x.reg(rdn), ~imm8, true)); // CMP
            case 2 -> addSubtractImmediate(rdn, imm8, false);
            default -> addSubtractImmediate(rdn, imm8, true);
        }
    }

    private void addSubtractImmediate(int rdn, int imm8, boolean subtract) {
        Alu.Sum sum = subtract ? Alu.addWithCarry(x.reg(rdn), ~imm8, true) : Alu.addWithCarry(x.reg(rdn), imm8, false);
        x.setReg(rdn, sum.result());
        if (setsFlags()) {
            x.setNzcv(sum);
        }
    }

    private void dataProcessing(int op) {
        int rdn = op & 7;
        int rm = (op >>> 3) & 7;
        int a = x.reg(rdn);
        int b = x.reg(rm);
        boolean flags = setsFlags();
        switch ((op >>> 6) & 0xF) {
            case 0x0 -> logical(rdn, a & b, x.carry(), flags, true);
            case 0x1 -> logical(rdn, a ^ b, x.carry(), flags, true);
            case 0x2, 0x3, 0x4, 0x7 -> {
                int type = switch ((op >>> 6) & 0xF) {
                    case 0x2 -> Alu.SRTYPE_LSL;
                    case 0x3 -> Alu.SRTYPE_LSR;
                    case 0x4 -> Alu.SRTYPE_ASR;
                    default -> Alu.SRTYPE_ROR;
                };
                long shifted = Alu.shiftC(a, type, b & 0xFF, x.carry());
                logical(rdn, Alu.value(shifted), Alu.carry(shifted), flags, true);
            }
            case 0x5 -> arithmetic(rdn, Alu.addWithCarry(a, b, x.carry()), flags, true);
            case 0x6 -> arithmetic(rdn, Alu.addWithCarry(a, ~b, x.carry()), flags, true);
            case 0x8 -> logical(rdn, a & b, x.carry(), true, false);                   // TST
            case 0x9 -> arithmetic(rdn, Alu.addWithCarry(~b, 0, true), flags, true);   // RSB #0 (NEG)
            case 0xA -> arithmetic(rdn, Alu.addWithCarry(a, ~b, true), true, false);   // CMP
            case 0xB -> arithmetic(rdn, Alu.addWithCarry(a, b, false), true, false);   // CMN
            case 0xC -> logical(rdn, a | b, x.carry(), flags, true);
            case 0xD -> { // MUL: C and V unchanged
                int product = a * b;
                x.setReg(rdn, product);
                if (flags) {
                    x.setNz(product);
                }
            }
            case 0xE -> logical(rdn, a & ~b, x.carry(), flags, true);
            default -> logical(rdn, ~b, x.carry(), flags, true);
        }
    }

    private void logical(int rd, int result, boolean carry, boolean flags, boolean write) {
        if (write) {
            x.setReg(rd, result);
        }
        if (flags) {
            x.setNzc(result, carry);
        }
    }

    private void arithmetic(int rd, Alu.Sum sum, boolean flags, boolean write) {
        if (write) {
            x.setReg(rd, sum.result());
        }
        if (flags) {
            x.setNzcv(sum);
        }
    }

    private void specialDataAndBranch(int op) {
        int rm = (op >>> 3) & 0xF;
        int rdn = (op & 7) | ((op >>> 4) & 8);
        switch ((op >>> 8) & 3) {
            case 0 -> { // ADD (register), high registers allowed; never sets flags
                int sum = x.reg(rdn) + x.reg(rm);
                x.setReg(rdn, sum);
            }
            case 1 -> x.setNzcv(Alu.addWithCarry(x.reg(rdn), ~x.reg(rm), true)); // CMP (register) T2
            case 2 -> x.setReg(rdn, x.reg(rm)); // MOV (register) T1
            default -> {
                int target = x.reg(rm);
                if ((op & 0x80) != 0) { // BLX
                    x.setReg(14, x.nextPc() | 1);
                }
                x.bxWritePc(target);
            }
        }
    }

    private void loadStoreRegister(int op) {
        int rt = op & 7;
        int address = x.reg((op >>> 3) & 7) + x.reg((op >>> 6) & 7);
        switch ((op >>> 9) & 7) {
            case 0 -> x.store(address, AccessSize.WORD, x.reg(rt));
            case 1 -> x.store(address, AccessSize.HALFWORD, x.reg(rt));
            case 2 -> x.store(address, AccessSize.BYTE, x.reg(rt));
            case 3 -> x.setReg(rt, (byte) x.load(address, AccessSize.BYTE));
            case 4 -> x.setReg(rt, x.load(address, AccessSize.WORD));
            case 5 -> x.setReg(rt, x.load(address, AccessSize.HALFWORD));
            case 6 -> x.setReg(rt, x.load(address, AccessSize.BYTE));
            default -> x.setReg(rt, (short) x.load(address, AccessSize.HALFWORD));
        }
    }

    private void loadStoreImmediate(int op, AccessSize size, int scale) {
        int rt = op & 7;
        int address = x.reg((op >>> 3) & 7) + (((op >>> 6) & 0x1F) << scale);
        if ((op & 0x0800) != 0) {
            x.setReg(rt, x.load(address, size));
        } else {
            x.store(address, size, x.reg(rt));
        }
    }

    private void miscellaneous(int op) {
        switch ((op >>> 8) & 0xF) {
            case 0x0 -> {
                int offset = (op & 0x7F) << 2;
                x.setReg(13, (op & 0x80) != 0 ? x.reg(13) - offset : x.reg(13) + offset); // SUB/ADD SP, SP, #imm
            }
            case 0x1, 0x3, 0x9, 0xB -> { // CBZ, CBNZ
                int offset = ((op >>> 3) & 0x1F) << 1 | ((op >>> 9) & 1) << 6;
                boolean zero = x.reg(op & 7) == 0;
                if (zero != ((op & 0x0800) != 0)) {
                    x.branchWritePc(x.reg(15) + offset);
                }
            }
            case 0x2 -> {
                int rm = x.reg((op >>> 3) & 7);
                int value = switch ((op >>> 6) & 3) {
                    case 0 -> (short) rm;
                    case 1 -> (byte) rm;
                    case 2 -> rm & 0xFFFF;
                    default -> rm & 0xFF;
                };
                x.setReg(op & 7, value);
            }
            case 0x4, 0x5 -> push((op & 0xFF) | ((op & 0x100) != 0 ? 1 << 14 : 0));
            case 0x6 -> {
                if ((op & 0xFFE8) != 0xB660) {
                    throw ThumbExecutor.undefined();
                }
                x.changeProcessorState((op & 0x10) != 0, (op & 2) != 0, (op & 1) != 0); // CPS
            }
            case 0xA -> {
                int rm = x.reg((op >>> 3) & 7);
                int value = switch ((op >>> 6) & 3) {
                    case 0 -> Integer.reverseBytes(rm);
                    case 1 -> ((rm >>> 8) & 0x00FF_00FF) | ((rm << 8) & 0xFF00_FF00);
                    case 3 -> (short) (((rm & 0xFF) << 8) | ((rm >>> 8) & 0xFF));
                    default -> throw ThumbExecutor.undefined();
                };
                x.setReg(op & 7, value);
            }
            case 0xC, 0xD -> pop((op & 0xFF) | ((op & 0x100) != 0 ? 1 << 15 : 0));
            case 0xE -> x.raise(ThumbExecutor.Event.BREAKPOINT);
            case 0xF -> ifThenOrHint(op);
            default -> throw ThumbExecutor.undefined();
        }
    }

    private void ifThenOrHint(int op) {
        if ((op & 0xF) != 0) {
            if (x.inItBlock()) {
                throw ThumbExecutor.undefined(); // IT inside an IT block is UNPREDICTABLE; treat as undefined
            }
            x.startItBlock(op & 0xFF);
            return;
        }
        switch ((op >>> 4) & 0xF) {
            case 2 -> x.raise(ThumbExecutor.Event.WAIT_FOR_EVENT);
            case 3 -> x.raise(ThumbExecutor.Event.WAIT_FOR_INTERRUPT);
            case 4 -> x.raise(ThumbExecutor.Event.SEND_EVENT);
            default -> {
                // NOP, YIELD and unallocated hints execute as NOP
            }
        }
    }

    /** PUSH / STMDB SP!: lowest register at the lowest address. */
    void push(int registers) {
        int address = x.reg(13) - 4 * Integer.bitCount(registers);
        int start = address;
        for (int r = 0; r < 15; r++) {
            if ((registers & (1 << r)) != 0) {
                x.storeAlignedWord(address, x.reg(r));
                address += 4;
            }
        }
        x.setReg(13, start);
    }

    /** POP / LDMIA SP!: a loaded PC interworks (and may return from an exception). */
    void pop(int registers) {
        int address = x.reg(13);
        int[] values = new int[16];
        for (int r = 0; r < 16; r++) {
            if ((registers & (1 << r)) != 0) {
                values[r] = x.loadAlignedWord(address);
                address += 4;
            }
        }
        x.setReg(13, address);
        for (int r = 0; r < 15; r++) {
            if ((registers & (1 << r)) != 0) {
                x.setReg(r, values[r]);
            }
        }
        if ((registers & (1 << 15)) != 0) {
            x.bxWritePc(values[15]);
        }
    }

    private void loadStoreMultiple(int op) {
        int rn = r8(op);
        int registers = op & 0xFF;
        int address = x.reg(rn);
        if ((op & 0x0800) == 0) { // STM Rn!
            for (int r = 0; r < 8; r++) {
                if ((registers & (1 << r)) != 0) {
                    x.storeAlignedWord(address, x.reg(r));
                    address += 4;
                }
            }
            x.setReg(rn, address);
            return;
        }
        int[] values = new int[8]; // LDM Rn{!}: write-back unless Rn is loaded
        for (int r = 0; r < 8; r++) {
            if ((registers & (1 << r)) != 0) {
                values[r] = x.loadAlignedWord(address);
                address += 4;
            }
        }
        if ((registers & (1 << rn)) == 0) {
            x.setReg(rn, address);
        }
        for (int r = 0; r < 8; r++) {
            if ((registers & (1 << r)) != 0) {
                x.setReg(r, values[r]);
            }
        }
    }

    private void conditionalBranchOrSupervisorCall(int op) {
        int cond = (op >>> 8) & 0xF;
        if (cond == 0xE) {
            throw ThumbExecutor.undefined(); // UDF
        }
        if (cond == 0xF) {
            x.raise(ThumbExecutor.Event.SUPERVISOR_CALL);
            return;
        }
        if (x.conditionPassed(cond)) {
            x.branchWritePc(x.reg(15) + ((op << 24) >> 23));
        }
    }
}
