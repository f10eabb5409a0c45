package io.flashstation.sim.debug;

import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.AhbBus;
import io.flashstation.sim.target.BusResponse;
import io.flashstation.sim.time.VirtualClock;

/**
 * The Cortex-M4 AHB-AP (AP0) of adiv5-swd-jtag.md §6: CSW, TAR, DRW with byte lanes and auto-increment inside
 * a 4 KiB block, the banked data registers and the identification registers, in front of the system bus.
 */
public final class AhbAccessPort {

    /** IDR: rev 2, ARM, MEM-AP, AHB (stm32f411-target.md §1). */
    public static final int IDR = 0x24770011;
    /** BASE: ROM table at 0xE00FF000, ADIv5 format, present (§6.1). */
    public static final int BASE = 0xE00FF003;
    /** CFG: little-endian, no large address or data (§6.1). */
    public static final int CFG = 0;

    static final int REG_CSW = 0x00;
    static final int REG_TAR = 0x04;
    static final int REG_DRW = 0x0C;
    static final int REG_BD0 = 0x10;
    static final int REG_BD3 = 0x1C;
    static final int REG_CFG = 0xF4;
    static final int REG_BASE = 0xF8;
    static final int REG_IDR = 0xFC;

    private static final int CSW_SIZE = 0x7;
    private static final int CSW_ADDRINC_SHIFT = 4;
    private static final int ADDRINC_SINGLE = 1;
    private static final int CSW_DEVICE_EN = 1 << 6;
    private static final int CSW_PROT_AND_SWEN = 0xFF00_0000;
    /** The value read on a Cortex-M4 after reset: HPROT1, HPROT0, MasterType, DeviceEn, byte size (§6.2). */
    private static final int CSW_RESET = 0x2300_0040;
    /** TAR[11:0] auto-increments; TAR[31:12] stays (§6.3, Cortex-M3/M4 4 KiB block). */
    private static final int AUTOINC_BLOCK_MASK = 0xFFF;

    private final AhbBus bus;
    private final VirtualClock clock;
    private final FaultPlan faults;
    private int csw;
    private int tar;

    public AhbAccessPort(AhbBus bus, VirtualClock clock, FaultPlan faults) {
        this.bus = bus;
        this.clock = clock;
        this.faults = faults;
        reset();
    }

    /** The AP's own reset (debug power-on): CSW and TAR back to their reset values. */
    public void reset() {
        csw = CSW_RESET & ~CSW_DEVICE_EN;
        tar = 0;
    }

    /** Reads AP register {@code register} (APBANKSEL:A[3:2]:00). */
    public ApAccess read(int register) {
        return switch (register) {
            case REG_CSW -> done(csw | CSW_DEVICE_EN);
            case REG_TAR -> done(tar);
            case REG_DRW -> drw(true, 0);
            case REG_CFG -> done(CFG);
            case REG_BASE -> done(BASE);
            case REG_IDR -> done(IDR);
            default -> isBanked(register) ? banked(register, true, 0) : done(0);
        };
    }

    /** Writes AP register {@code register}; writes to read-only or unused registers are ignored. */
    public ApAccess write(int register, int value) {
        switch (register) {
            case REG_CSW -> writeCsw(value);
            case REG_TAR -> tar = value;
            case REG_DRW -> {
                return drw(false, value);
            }
            default -> {
                if (isBanked(register)) {
                    return banked(register, false, value);
                }
            }
        }
        return done(0);
    }

    private void writeCsw(int value) {
        int size = value & CSW_SIZE;
        int newSize = size <= 2 ? size : csw & CSW_SIZE; // only byte, half-word and word exist on an AHB-AP
        // AddrInc: off and single are kept; packed (10) and reserved (11) read back as off, so hosts that
        // probe for packed transfers (OpenOCD's mem_ap_init) fall back to one DRW access per item (§6.2)
        int inc = (value >>> CSW_ADDRINC_SHIFT) & 3;
        int newInc = inc == ADDRINC_SINGLE ? ADDRINC_SINGLE : 0;
        csw = (value & CSW_PROT_AND_SWEN) | (newInc << CSW_ADDRINC_SHIFT) | newSize;
    }

    private ApAccess drw(boolean read, int value) {
        AccessSize size = switch (csw & CSW_SIZE) {
            case 0 -> AccessSize.BYTE;
            case 1 -> AccessSize.HALFWORD;
            default -> AccessSize.WORD;
        };
        ApAccess result = busAccess(tar, size, read, value);
        if (result.ok() && ((csw >>> CSW_ADDRINC_SHIFT) & 3) == ADDRINC_SINGLE) {
            tar = (tar & ~AUTOINC_BLOCK_MASK) | ((tar + size.bytes()) & AUTOINC_BLOCK_MASK);
        }
        return result;
    }

    /** BD0–BD3 reach the word at (TAR & ~0xF) + 4n and never move TAR. */
    private ApAccess banked(int register, boolean read, int value) {
        int address = (tar & ~0xF) + (register - REG_BD0);
        return busAccess(address, AccessSize.WORD, read, value);
    }

    private ApAccess busAccess(int address, AccessSize size, boolean read, int value) {
        int lane = address & 3;
        if ((address & (size.bytes() - 1)) != 0 || faults.takeBusError()) {
            // the bus contract has naturally aligned accesses only; an unaligned TAR is answered as a bus error
            return new ApAccess(false, 0, clock.nanos());
        }
        int shift = 8 * lane;
        BusResponse response = read
                ? bus.read(address, size)
                : bus.write(address, size, (value >>> shift) & size.mask());
        int data = read && response.ok() ? (response.data() & size.mask()) << shift : 0;
        return new ApAccess(response.ok(), data, Math.max(response.readyAtNanos(), clock.nanos()));
    }

    private ApAccess done(int data) {
        return new ApAccess(true, data, clock.nanos());
    }

    private static boolean isBanked(int register) {
        return register >= REG_BD0 && register <= REG_BD3;
    }
}
