package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashProgress;
import io.flashstation.probe.flash.FlashResult;
import io.flashstation.probe.lab.TestImages;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.stlink.StlinkModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend drives the real OpenOCD 0.12.0 against virtual ST-Links and boards. */
class OpenOcdFlashLabTest {

    private static final String SERIAL_A = "066D37485051717867180001";
    private static final String SERIAL_B = "066D37485051717867180002";

    @TempDir
    Path work;

    private OpenOcdLab lab;

    @BeforeEach
    void startLab() throws Exception {
        lab = OpenOcdLab.start();
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    private FlashResult flash(OpenOcdSettings settings, String serial, FlashPolicy policy, FlashImage image,
            List<FlashProgress> events) {
        return new OpenOcdFlashSession(settings, OpenOcdProbe.of(ProbeKind.STLINK_V2, serial), policy, events::add,
                work).run(image);
    }

    private static FlashPolicy sectorErase() {
        return FlashPolicy.defaults().withMassErase(false).withSwdClockHz(1_800_000);
    }

    // stm32f411-target.md §4 (UID at 0x1FFF7A10, F_SIZE), §5 (DEV_ID 0x431); openocd-recipes.md §3 with verify
    @Test
    void flashesAndVerifiesABoardAndKeysTheResultByItsUid() throws Exception {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(3)));
        lab.plug(StlinkModel.V2, SERIAL_B, VirtualBoard.open(BoardConfig.labBoard(4)));
        byte[] content = TestImages.withVectorTable(TestImages.codeLike(3_000, 7));
        List<FlashProgress> events = new ArrayList<>();

        FlashResult result = flash(lab.settings(), SERIAL_A, sectorErase(),
                FlashImage.of(SectorLayout.FLASH_BASE, content), events);

        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        assertThat(result.chip()).contains("STM32F411xE");
        assertThat(result.uid()).contains(uidHex(board));
        assertThat(Arrays.copyOf(board.chip().flashImage(), content.length)).isEqualTo(content);
        assertThat(result.bytesProgrammed()).isEqualTo(content.length);
        assertThat(result.phaseDurations()).containsKeys(FlashPhase.values());
        assertThat(events).extracting(FlashProgress::phase).containsSubsequence(FlashPhase.values());
        assertThat(result.swdClockHz()).isEqualTo(1_800_000);
    }

    /** The UID as the native path prints it: three little-endian words, %08X each (stm32f411-target.md §4). */
    static String uidHex(VirtualBoard board) {
        byte[] uid = board.chip().uid();
        StringBuilder hex = new StringBuilder();
        for (int w = 0; w < 3; w++) {
            int value = (uid[4 * w] & 0xFF) | (uid[4 * w + 1] & 0xFF) << 8 | (uid[4 * w + 2] & 0xFF) << 16
                    | (uid[4 * w + 3] & 0xFF) << 24;
            hex.append(String.format("%08X", value));
        }
        return hex.toString();
    }
}
