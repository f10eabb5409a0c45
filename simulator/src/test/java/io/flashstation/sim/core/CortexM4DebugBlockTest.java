package io.flashstation.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.AhbBus;
import io.flashstation.sim.target.BusResponse;
import io.flashstation.sim.target.SystemBus;
import io.flashstation.sim.time.VirtualClock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CortexM4DebugBlockTest {

    private static final int DHCSR = 0xE000EDF0;
    private static final int DCRSR = 0xE000EDF4;
    private static final int DCRDR = 0xE000EDF8;
    private static final int DEMCR = 0xE000EDFC;
    private static final int DFSR = 0xE000ED30;
    private static final int AIRCR = 0xE000ED0C;
    private static final int KEY = 0xA05F0000;

    /** Flash words the core fetches its vectors from; a missing word is a bus error (as RDP 1 would make it). */
    private final Map<Integer, Integer> flash = new HashMap<>();
    private final AhbBus systemBus = new AhbBus() {
        @Override
        public BusResponse read(int address, AccessSize size) {
            Integer word = flash.get(address);
            return word == null ? BusResponse.error(0) : BusResponse.okay(word, 0);
        }

        @Override
        public BusResponse write(int address, AccessSize size, int value) {
            return BusResponse.error(0);
        }
    };
    private int peripheralResets;
    private final CortexM4DebugBlock block =
            new CortexM4DebugBlock(SystemBus.untimed(systemBus, 16_000_000), 0x431, new VirtualClock(),
                    () -> peripheralResets++);

    @BeforeEach
    void powerOn() {
        flash.put(0x08000000, 0x20020000);
        flash.put(0x08000004, 0x080001C9);
        block.powerOn();
    }

    private int read(int address) {
        BusResponse response = block.read(address, AccessSize.WORD);
        assertThat(response.ok()).as("read %08x", address).isTrue();
        return response.data();
    }

    private void write(int address, int value) {
        assertThat(block.write(address, AccessSize.WORD, value).ok()).as("write %08x", address).isTrue();
    }

    private void halt() {
        write(DHCSR, KEY | 0x3);
    }

    @Test
    void identifiesAsCortexM4r0p1WithSinglePrecisionFpu() {
        // stm32f411-target.md §1: CPUID 0x410FC241, MVFR0/1 0x10110021 / 0x11000011
        assertThat(read(0xE000ED00)).isEqualTo(0x410FC241);
        assertThat(read(0xE000EF40)).isEqualTo(0x10110021);
        assertThat(read(0xE000EF44)).isEqualTo(0x11000011);
    }

    @Test
    void dhcsrWritesNeedTheKeyAndHaltingSetsDfsrHalted() {
        // §10: DBGKEY 0xA05F in [31:16] or the write is ignored; DFSR.HALTED on a halt request
        write(DHCSR, 0x00000003);
        assertThat(read(DHCSR) & 0x3).isZero();
        assertThat(block.core().runState()).isEqualTo(RunState.RUNNING);

        halt();
        int dhcsr = read(DHCSR);
        assertThat(dhcsr & (DebugControlBlock.S_HALT | DebugControlBlock.S_REGRDY | 0x3))
                .isEqualTo(DebugControlBlock.S_HALT | DebugControlBlock.S_REGRDY | 0x3);
        assertThat(read(DFSR) & DebugControlBlock.DFSR_HALTED).isNotZero();
        write(DFSR, DebugControlBlock.DFSR_HALTED); // write one to clear
        assertThat(read(DFSR)).isZero();

        write(DHCSR, KEY | 0x1);
        assertThat(read(DHCSR) & DebugControlBlock.S_HALT).isZero();
        assertThat(block.core().runState()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void resetAndRetireStatusClearOnRead() {
        // §10: S_RESET_ST and S_RETIRE_ST are sticky and clear on read
        halt();
        int first = read(DHCSR);
        assertThat(first & DebugControlBlock.S_RESET_ST).isNotZero(); // from power-on
        assertThat(first & DebugControlBlock.S_RETIRE_ST).isNotZero(); // it ran before the halt
        int second = read(DHCSR);
        assertThat(second & (DebugControlBlock.S_RESET_ST | DebugControlBlock.S_RETIRE_ST)).isZero();
    }

    @Test
    void coreRegistersTransferThroughDcrsrAndDcrdrOnlyWhileHalted() {
        // §10: REGSEL map, REGWnR bit 16; register writes while running are ignored
        write(DCRDR, 0x1234);
        write(DCRSR, 0x10000 | 3);
        halt();
        write(DCRSR, 3);
        assertThat(read(DCRDR)).isZero();

        for (int regsel : new int[] {0, 12, 14, 15, 0x40, 0x5F}) {
            write(DCRDR, 0xC0DE0000 + regsel);
            write(DCRSR, 0x10000 | regsel);
        }
        for (int regsel : new int[] {0, 12, 14, 15, 0x40, 0x5F}) {
            write(DCRSR, regsel);
            assertThat(read(DCRDR)).as("regsel %x", regsel).isEqualTo(0xC0DE0000 + regsel);
        }
        write(DCRDR, 0x07FF_FFFF); // CONTROL=7, FAULTMASK, BASEPRI, PRIMASK all ones
        write(DCRSR, 0x10000 | 0x14);
        write(DCRSR, 0x14);
        assertThat(read(DCRDR)).isEqualTo(0x0701F001); // 4 priority bits in BASEPRI, one bit masks
        write(DCRDR, 0xFFFFFFFF);
        write(DCRSR, 0x10000 | 0x21);
        write(DCRSR, 0x21);
        assertThat(read(DCRDR)).isEqualTo(0xF7C0009F); // FPSCR's implemented bits
    }

    @Test
    void spFollowsControlSpselBetweenMspAndPsp() {
        // §10: REGSEL 13 is the current SP, 17 MSP, 18 PSP
        halt();
        write(DCRDR, 0x20001000);
        write(DCRSR, 0x10000 | 18);
        write(DCRSR, 13);
        assertThat(read(DCRDR)).isEqualTo(0x20020000); // MSP from the vector table
        write(DCRDR, 0x02000000); // CONTROL.SPSEL
        write(DCRSR, 0x10000 | 0x14);
        write(DCRSR, 16);
        write(DCRDR, read(DCRDR) & ~0x1FF); // thread mode
        write(DCRSR, 0x10000 | 16);
        write(DCRSR, 13);
        assertThat(read(DCRDR)).isEqualTo(0x20001000);
    }

    @Test
    void vectorCatchHaltsAtTheResetVectorAfterSysresetreq() {
        // §12.2: DEMCR = 0x01000501, AIRCR = 0x05FA0004 → halted at the reset handler with DFSR.VCATCH
        write(DHCSR, KEY | 0x1);
        write(DEMCR, 0x01000501);
        write(0xE0002000, 3);
        write(0xE0001020, 0x20000000);
        write(AIRCR, 0x05FA0004);

        assertThat(peripheralResets).isEqualTo(1);
        int dhcsr = read(DHCSR);
        assertThat(dhcsr & DebugControlBlock.S_HALT).isNotZero();
        assertThat(dhcsr & DebugControlBlock.S_RESET_ST).isNotZero();
        assertThat(dhcsr & DebugControlBlock.C_DEBUGEN).isNotZero(); // survives the system reset
        assertThat(read(DFSR) & DebugControlBlock.DFSR_VCATCH).isNotZero();
        assertThat(read(DEMCR)).isEqualTo(0x01000501);
        assertThat(read(0xE0002000) & 1).isEqualTo(1); // FPB setup survives
        assertThat(read(0xE0001020)).isEqualTo(0x20000000); // DWT too
        write(DCRSR, 15);
        assertThat(read(DCRDR)).isEqualTo(0x080001C8);
        write(DCRSR, 13);
        assertThat(read(DCRDR)).isEqualTo(0x20020000);
        write(DCRSR, 16);
        assertThat(read(DCRDR)).isEqualTo(0x01000000);
    }

    @Test
    void aCoreLeftHaltedComesOutOfSystemResetHalted() {
        // §12.2 step 3: OpenOCD clears C_HALT before a plain reset because DHCSR survives the system reset
        halt();
        write(DFSR, 0x1F);
        write(AIRCR, 0x05FA0004);
        assertThat(block.core().runState()).isEqualTo(RunState.HALTED);
        assertThat(read(DFSR)).isEqualTo(DebugControlBlock.DFSR_HALTED);
    }

    @Test
    void aircrNeedsVectkeyAndReadsBackFa05() {
        // §10: VECTKEY 0x05FA on writes, 0xFA05 on reads
        write(AIRCR, 0x00000004);
        assertThat(peripheralResets).isZero();
        assertThat(read(AIRCR) >>> 16).isEqualTo(0xFA05);
        write(AIRCR, 0x05FA0300);
        assertThat(read(AIRCR)).isEqualTo(0xFA050300);
    }

    @Test
    void vectresetResetsTheCoreButNotThePeripherals() {
        // §10 AIRCR.VECTRESET: a local reset
        write(DHCSR, KEY | 0x1);
        write(DEMCR, 0x1);
        write(AIRCR, 0x05FA0001);
        assertThat(peripheralResets).isZero();
        assertThat(block.core().runState()).isEqualTo(RunState.HALTED);
    }

    @Test
    void withoutVectorCatchTheCoreRunsAfterReset() {
        // §12.2 (plain `reset run`: C_HALT cleared before SYSRESETREQ, DEMCR without VC_CORERESET)
        write(DHCSR, KEY | 0x1);
        write(AIRCR, 0x05FA0004);
        assertThat(block.core().runState()).isEqualTo(RunState.RUNNING);
        assertThat(read(DHCSR) & DebugControlBlock.S_HALT).isZero();
    }

    @Test
    void failedVectorFetchLocksTheCoreUp() {
        // ARMv7-M: a bus fault on the reset vector fetch is unrecoverable (lockup); a debugger can still halt
        flash.clear();
        write(AIRCR, 0x05FA0004);
        assertThat(read(DHCSR) & DebugControlBlock.S_LOCKUP).isNotZero();
        assertThat(block.core().runState()).isEqualTo(RunState.LOCKUP);
        halt();
        assertThat(block.core().runState()).isEqualTo(RunState.HALTED);
        assertThat(read(DHCSR) & DebugControlBlock.S_LOCKUP).isZero(); // halting exits lockup (B1.5.15)
    }

    @Test
    void vectorCatchHaltsEvenWhenTheVectorsCannotBeFetched() {
        // stm32f411-target.md §7.2: at RDP level 1 with a debugger attached flash reads fail, yet `reset halt`
        // halts: OpenOCD's well-known log on locked STM32s shows pc 0xfffffffe, msp 0xfffffffc, xPSR 0x01000000
        flash.clear();
        write(DHCSR, KEY | 0x1);
        write(DEMCR, 0x1);
        write(AIRCR, 0x05FA0004);
        assertThat(block.core().runState()).isEqualTo(RunState.HALTED);
        assertThat(read(DHCSR) & DebugControlBlock.S_LOCKUP).isZero();
        write(DCRSR, 15);
        assertThat(read(DCRDR)).isEqualTo(0xFFFFFFFE);
        write(DCRSR, 17);
        assertThat(read(DCRDR)).isEqualTo(0xFFFFFFFC);
        write(DCRSR, 16);
        assertThat(read(DCRDR)).isEqualTo(0x01000000);
    }

    @Test
    void erasedFlashLocksUpUnlessVectorCatchHaltsFirst() {
        // stm32f411-target.md §12.2: PC = vector & ~1, MSP = word at 0x08000000, xPSR.T from bit 0; a blank chip's
        // first fetch at 0xFFFFFFFE faults (Execute-Never) and the core locks up; with VC_CORERESET it halts first
        flash.put(0x08000000, 0xFFFFFFFF);
        flash.put(0x08000004, 0xFFFFFFFF);
        write(AIRCR, 0x05FA0004);
        assertThat(block.core().runState()).isEqualTo(RunState.LOCKUP);

        write(DHCSR, KEY | 0x1);
        write(DEMCR, 0x1);
        write(AIRCR, 0x05FA0004);
        assertThat(block.core().runState()).isEqualTo(RunState.HALTED);
        write(DCRSR, 15);
        assertThat(read(DCRDR)).isEqualTo(0xFFFFFFFE);
        write(DCRSR, 17);
        assertThat(read(DCRDR)).isEqualTo(0xFFFFFFFC);
        write(DCRSR, 16);
        assertThat(read(DCRDR)).isEqualTo(0x01000000);
        write(DHCSR, KEY | 0x1); // resume: the fetch faults again
        assertThat(block.core().runState()).isEqualTo(RunState.LOCKUP);
    }

    @Test
    void nrstHoldsTheCoreInResetUntilReleased() {
        // stm32f411-target.md §12.2: NRST resets core and peripherals; S_RESET_ST reads 1 while held
        block.setResetLine(true);
        assertThat(peripheralResets).isEqualTo(1);
        assertThat(read(DHCSR) & DebugControlBlock.S_RESET_ST).isNotZero();
        assertThat(read(DHCSR) & DebugControlBlock.S_RESET_ST).isNotZero();
        block.setResetLine(false);
        assertThat(block.core().runState()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void fpbEnableLatchesOnlyWithKey() {
        // stm32f411-target.md §13.13 and §1: FP_CTRL 0x260; writing 3 must read back with bit 0 set
        assertThat(read(0xE0002000)).isEqualTo(0x260);
        write(0xE0002000, 1);
        assertThat(read(0xE0002000)).isEqualTo(0x260);
        write(0xE0002000, 3);
        assertThat(read(0xE0002000)).isEqualTo(0x261);
        write(0xE0002008 + 4 * 7, 0x08000101);
        assertThat(read(0xE0002008 + 4 * 7)).isEqualTo(0x08000101);
        block.powerOn();
        assertThat(read(0xE0002000)).isEqualTo(0x260); // only power-on clears the FPB
    }

    @Test
    void dwtReportsFourComparatorsAndDevarchReadsZero() {
        // §1 / §13.14: DWT_CTRL NUMCOMP=4; DWT_DEVARCH (0xE0001FBC) reads 0 without a bus error
        assertThat(read(0xE0001000) >>> 28).isEqualTo(4);
        assertThat(read(0xE0001FBC)).isZero();
        write(0xE0001028, 0x5);
        assertThat(read(0xE0001028)).isEqualTo(0x5);
        write(0xE0001024, 0xFFFFFFFF);
        assertThat(read(0xE0001024)).isEqualTo(0x1F);
    }

    @Test
    void romTableListsTheComponentsAndCarriesIds() {
        // §11: entries SCS, DWT, FPB, ITM, TPIU, ETM, end marker; CIDR 0D 10 05 B1; ST PIDR with DEV_ID
        int[] expected = {0xFFF0F003, 0xFFF02003, 0xFFF03003, 0xFFF01003, 0xFFF41003, 0xFFF42003, 0};
        for (int i = 0; i < expected.length; i++) {
            assertThat(read(0xE00FF000 + 4 * i)).isEqualTo(expected[i]);
        }
        assertThat(read(0xE00FFFF0)).isEqualTo(0x0D);
        assertThat(read(0xE00FFFF4)).isEqualTo(0x10);
        assertThat(read(0xE00FFFF8)).isEqualTo(0x05);
        assertThat(read(0xE00FFFFC)).isEqualTo(0xB1);
        assertThat(read(0xE00FFFE0)).isEqualTo(0x31);
        assertThat(read(0xE00FFFE4)).isEqualTo(0x04);
        assertThat(read(0xE00FFFE8)).isEqualTo(0x0A);
        // SCS: part 0x00C, ARM (0x43B), generic IP class
        assertThat(read(0xE000EFE0)).isEqualTo(0x0C);
        assertThat(read(0xE000EFE4)).isEqualTo(0xB0);
        assertThat(read(0xE000EFE8) & 0xF).isEqualTo(0xB);
        assertThat(read(0xE000EFD0)).isEqualTo(0x04);
        assertThat(read(0xE000EFF4)).isEqualTo(0xE0);
        assertThat(read(0xE0040FF4)).isEqualTo(0x90); // TPIU is discoverable
        assertThat(read(0xE0041FE0)).isEqualTo(0x25); // ETM part 0x925
    }

    @Test
    void subWordReadsUseLanesAndHolesAreBusErrors() {
        // adiv5-swd-jtag.md §6.3 lanes; stm32f411-target.md §2 (unimplemented regions → AHB error)
        assertThat(block.read(0xE000ED02, AccessSize.HALFWORD).data()).isEqualTo(0x410F);
        assertThat(block.read(0xE000ED00, AccessSize.BYTE).data()).isEqualTo(0x41);
        assertThat(block.read(0xE0003000, AccessSize.WORD).ok()).isFalse();
        assertThat(block.write(0xE000EDF0, AccessSize.HALFWORD, 0xA05F).ok()).isFalse();
    }

    @Test
    void systemControlRegistersKeepTheirImplementedBitsAndResetWithTheSystem() {
        // stm32f411-target.md §10 (CFSR/HFSR/SHCSR/CPACR/VTOR); §12.2: a system reset resets the SCB, not DEMCR
        write(0xE000ED08, 0xFFFFFFFF);
        assertThat(read(0xE000ED08)).isEqualTo(0x3FFFFF80); // VTOR: TBLOFF only
        write(0xE000ED88, 0xFFFFFFFF);
        assertThat(read(0xE000ED88)).isEqualTo(0x00F00000); // CPACR: CP10 and CP11 full access
        write(0xE000ED28, 0xFFFFFFFF);
        assertThat(read(0xE000ED28)).isZero(); // CFSR is write-one-to-clear: a debugger cannot set faults
        write(0xE000ED24, 0x00070000);
        assertThat(read(0xE000ED24)).isEqualTo(0x00070000); // SHCSR fault enables
        write(DEMCR, 0x01000000);
        write(AIRCR, 0x05FA0004);
        assertThat(read(0xE000ED08)).isZero();
        assertThat(read(0xE000ED24)).isZero();
        assertThat(read(0xE000ED88)).isZero();
        assertThat(read(DEMCR)).isEqualTo(0x01000000);
    }

    @Test
    void stepIntoUnreadableCodeLocksUpBecauseTheHardFaultVectorIsUnreadableToo() {
        // ARMv7-M B1.5.15: the fetch bus-faults, escalates to HardFault, and the HardFault vector fetch fails too
        halt();
        write(DFSR, 0x1F);
        write(DHCSR, KEY | 0x5);
        assertThat(block.core().runState()).isEqualTo(RunState.LOCKUP);
        assertThat(read(DHCSR) & DebugControlBlock.S_LOCKUP).isNotZero();
        assertThat(read(0xE000ED28) & (1 << 8)).as("CFSR.IBUSERR").isNotZero();
        assertThat(read(0xE000ED2C) & (1 << 30)).as("HFSR.FORCED").isNotZero();
        halt(); // registers are only reachable in Debug state
        write(DCRSR, 15);
        assertThat(read(DCRDR)).isEqualTo(CoreExecution.LOCKUP_PC);
    }
}
