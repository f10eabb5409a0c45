package io.flashstation.probe.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;

/**
 * The few ADIv5 steps the driver tests need (adiv5-swd-jtag.md §3–§6), written out with batches as the ADIv5 layer
 * above the drivers will: clear sticky errors, power the debug domain up, set CSW and move words through DRW.
 */
final class Adiv5 {

    static final int DP_ABORT = 0x0;
    static final int DP_CTRL_STAT = 0x4;
    static final int AP_CSW = 0x00;
    static final int AP_TAR = 0x04;
    static final int AP_DRW = 0x0C;
    static final int AP_IDR = 0xFC;
    /** CDBGPWRUPREQ | CSYSPWRUPREQ, and their ACKs (bits 29, 31). */
    static final int POWER_UP_REQUEST = 0x5000_0000;
    static final int POWER_UP_ACKS = 0xA000_0000;
    /** OpenOCD's AHB-AP CSW for 32-bit single-increment accesses (cmsis-dap.md §10). */
    static final int CSW_WORD_INCREMENT = 0xA200_0012;
    /** TAR auto-increment is only guaranteed within 1 KiB (cmsis-dap.md §10). */
    static final int AUTO_INCREMENT_WORDS = 256;
    static final int SRAM = 0x2000_0000;

    private Adiv5() {
    }

    /** Clears sticky errors, asks for debug and system power and polls CTRL/STAT until both are acknowledged. */
    static void powerUp(DebugProbe probe) throws ProbeException {
        DapBatch batch = probe.newBatch();
        batch.writeDp(DP_ABORT, 0x1E);
        batch.writeDp(DP_CTRL_STAT, POWER_UP_REQUEST);
        DapValue status = batch.readDp(DP_CTRL_STAT);
        batch.run();
        for (int poll = 0; poll < 10 && (status.get() & POWER_UP_ACKS) != POWER_UP_ACKS; poll++) {
            status = batch.readDp(DP_CTRL_STAT);
            batch.run();
        }
        assertThat(status.get() & POWER_UP_ACKS).as("CTRL/STAT power-up ACKs").isEqualTo(POWER_UP_ACKS);
    }

    /** Queues a word write of {@code words} from {@code address}, TAR set again for every 1 KiB block. */
    static void queueWrite(DapBatch batch, int address, int[] words) {
        batch.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
        for (int done = 0; done < words.length; done += AUTO_INCREMENT_WORDS) {
            batch.writeAp(0, AP_TAR, address + 4 * done);
            batch.writeApRepeated(0, AP_DRW, words, done, Math.min(AUTO_INCREMENT_WORDS, words.length - done));
        }
    }

    /** Queues a word read of {@code into.length} words from {@code address}, TAR set for every 1 KiB block. */
    static void queueRead(DapBatch batch, int address, int[] into) {
        batch.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
        for (int done = 0; done < into.length; done += AUTO_INCREMENT_WORDS) {
            batch.writeAp(0, AP_TAR, address + 4 * done);
            batch.readApRepeated(0, AP_DRW, into, done, Math.min(AUTO_INCREMENT_WORDS, into.length - done));
        }
    }
}
