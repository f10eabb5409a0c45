package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.arm.AccessSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramPlanTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void allOnesWordsAreSkippedAndSplitTheRuns() {
        // TIMING.md §5: W = the words that are not 0xFFFFFFFF
        byte[] image = bytes(1, 2, 3, 4, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFE);
        ProgramPlan plan = ProgramPlan.of(List.of(new ImageSegment(0x0800_0000, image)), AccessSize.WORD);
        assertThat(plan.runs()).hasSize(2);
        assertThat(plan.runs().get(0).address()).isEqualTo(0x0800_0000);
        assertThat(plan.runs().get(0).units()).containsExactly(0x0403_0201);
        assertThat(plan.runs().get(1).address()).isEqualTo(0x0800_0008);
        assertThat(plan.runs().get(1).units()).containsExactly(0, 0xFEFF_FFFF);
        assertThat(plan.units()).isEqualTo(3);
        assertThat(plan.bytes()).isEqualTo(12);
    }

    @Test
    void oddSizedImagesArePaddedWithErasedBytes() {
        // stm32f411-target.md §3: programming only clears bits, so 0xFF padding leaves the cells erased
        ProgramPlan plan = ProgramPlan.of(List.of(new ImageSegment(0x0800_0002, bytes(0x11, 0x22, 0x33))),
                AccessSize.WORD);
        assertThat(plan.runs()).hasSize(1);
        assertThat(plan.runs().get(0).address()).isEqualTo(0x0800_0000);
        assertThat(plan.runs().get(0).units()).containsExactly(0x2211_FFFF, 0xFFFF_FF33);
    }

    @Test
    void halfWordUnitsForX16() {
        // stm32f411-target.md §8: at x16 every program access is one half-word
        ProgramPlan plan = ProgramPlan.of(List.of(new ImageSegment(0x0800_0000, bytes(1, 2, 0xFF, 0xFF, 5))),
                AccessSize.HALFWORD);
        assertThat(plan.runs()).extracting(ProgramRun::address).containsExactly(0x0800_0000, 0x0800_0004);
        assertThat(plan.runs().get(1).units()).containsExactly(0xFF05);
        assertThat(plan.bytes()).isEqualTo(4);
    }

    @Test
    void anAllErasedImageNeedsNoProgramming() {
        byte[] erased = new byte[64];
        java.util.Arrays.fill(erased, (byte) 0xFF);
        assertThat(ProgramPlan.of(List.of(new ImageSegment(0x0800_0000, erased)), AccessSize.WORD).runs()).isEmpty();
    }
}
