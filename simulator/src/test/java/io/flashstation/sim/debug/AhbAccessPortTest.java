package io.flashstation.sim.debug;

import static io.flashstation.sim.debug.SwdHost.AP_CSW;
import static io.flashstation.sim.debug.SwdHost.AP_DRW;
import static io.flashstation.sim.debug.SwdHost.AP_TAR;
import static io.flashstation.sim.debug.SwdHost.DP_CTRL;
import static io.flashstation.sim.debug.SwdHost.DP_IDR_ABORT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AhbAccessPortTest {

    private final DebugPortRig rig = new DebugPortRig();
    private final SwdHost host = rig.host;

    @BeforeEach
    void connect() {
        host.connect();
    }

    @Test
    void cswReadsItsObservedResetValueAndDeviceEnStaysSet() {
        // adiv5-swd-jtag.md §6.2: CSW reads 0x23000040 on a Cortex-M4; DeviceEn is read-only 1
        assertThat(host.readAp(AP_CSW)).isEqualTo(0x23000040);
        host.write(true, AP_CSW, 0xA2000012);
        assertThat(host.readAp(AP_CSW)).isEqualTo(0xA2000052);
    }

    @Test
    void packedIncrementReadsBackAsOffSoHostsUseOneAccessPerItem() {
        // §6.2 (simple option) and stm32f411-target.md §13.15: OpenOCD's mem_ap_init probe 0xA2000020
        host.write(true, AP_CSW, 0xA2000020);
        host.write(true, AP_TAR, 0);
        assertThat(host.readAp(AP_CSW) & 0x30).isZero();
    }

    @Test
    void tarIncrementsBySizeAndWrapsWithinTheFourKibBlock() {
        // §6.3: Cortex-M4 AHB-AP auto-increments TAR[11:0] and keeps TAR[31:12]
        host.write(true, AP_CSW, 0xA2000012);
        host.write(true, AP_TAR, TestMemory.BASE + 0xFFC);
        host.write(true, AP_DRW, 0x01020304);
        assertThat(host.readAp(AP_TAR)).isEqualTo(TestMemory.BASE);
        host.write(true, AP_DRW, 0x05060708);
        assertThat(rig.memory.peek(TestMemory.BASE + 0xFFC)).isEqualTo(0x01020304);
        assertThat(rig.memory.peek(TestMemory.BASE)).isEqualTo(0x05060708);
        assertThat(rig.memory.peek(TestMemory.BASE + 0x1000)).isZero();

        host.write(true, AP_CSW, 0xA2000011);
        host.write(true, AP_TAR, TestMemory.BASE + 0x10);
        host.write(true, AP_DRW, 0);
        assertThat(host.readAp(AP_TAR)).isEqualTo(TestMemory.BASE + 0x12);
    }

    @Test
    void tarDoesNotMoveWithIncrementOffOrAfterAFailedAccess() {
        // §5 recovery: TAR is not incremented by the failed access; AddrInc off leaves it alone
        host.write(true, AP_CSW, 0xA2000002);
        host.write(true, AP_TAR, TestMemory.BASE);
        host.write(true, AP_DRW, 7);
        assertThat(host.readAp(AP_TAR)).isEqualTo(TestMemory.BASE);

        host.write(true, AP_CSW, 0xA2000012);
        host.write(true, AP_TAR, TestMemory.BASE + 0x100);
        rig.faults.busErrors(1);
        host.write(true, AP_DRW, 7);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.STICKYERR).isNotZero();
        host.write(false, DP_IDR_ABORT, SwDebugPort.STKERRCLR);
        assertThat(host.readAp(AP_TAR)).isEqualTo(TestMemory.BASE + 0x100);
        assertThat(rig.memory.peek(TestMemory.BASE + 0x100)).isZero();
    }

    @Test
    void subWordAccessesUseTheByteLanesOfTheirAddress() {
        // §6.3 / stm32f411-target.md §4: a half-word at an address with bit 1 set travels on DRW[31:16]
        rig.memory.poke(TestMemory.BASE, 0x0200ABCD);
        host.write(true, AP_CSW, 0xA2000011);
        host.write(true, AP_TAR, TestMemory.BASE + 2);
        assertThat(host.readAp(AP_DRW)).isEqualTo(0x02000000);
        host.write(true, AP_TAR, TestMemory.BASE);
        assertThat(host.readAp(AP_DRW)).isEqualTo(0x0000ABCD);

        host.write(true, AP_CSW, 0xA2000010);
        host.write(true, AP_TAR, TestMemory.BASE + 1);
        assertThat(host.readAp(AP_DRW)).isEqualTo(0x0000AB00);
        host.write(true, AP_TAR, TestMemory.BASE + 3);
        host.write(true, AP_DRW, 0x5A000000); // only lane 3 is written
        assertThat(rig.memory.peek(TestMemory.BASE)).isEqualTo(0x5A00ABCD);
    }

    @Test
    void bankedDataRegistersReachTheAlignedBlockWithoutMovingTar() {
        // §6.1: BD0–BD3 access (TAR & ~0xF) + 0/4/8/C, no auto-increment
        rig.memory.poke(TestMemory.BASE + 0x28, 0xB0B0B0B0);
        host.write(true, AP_CSW, 0xA2000012);
        host.write(true, AP_TAR, TestMemory.BASE + 0x24);
        host.write(false, SwdHost.DP_SELECT_RESEND, 0x10); // APBANKSEL 1: registers 0x10-0x1C
        assertThat(host.readAp(0x8)).isEqualTo(0xB0B0B0B0); // BD2
        host.write(true, 0xC, 0xC0C0C0C0); // BD3
        assertThat(rig.memory.peek(TestMemory.BASE + 0x2C)).isEqualTo(0xC0C0C0C0);
        host.write(false, SwdHost.DP_SELECT_RESEND, 0);
        assertThat(host.readAp(AP_TAR)).isEqualTo(TestMemory.BASE + 0x24);
    }

    @Test
    void unalignedAccessIsABusError() {
        // our choice (the AHB contract has aligned accesses only): a word at TAR % 4 != 0 fails with STICKYERR
        host.write(true, AP_CSW, 0xA2000002);
        host.write(true, AP_TAR, TestMemory.BASE + 2);
        host.write(true, AP_DRW, 1);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.STICKYERR).isNotZero();
    }
}
