package io.flashstation.sim.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.AhbBus;
import io.flashstation.sim.target.BusResponse;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.target.FlashStats;
import io.flashstation.sim.target.Stm32F4System;
import io.flashstation.sim.time.TimingProfile;
import io.flashstation.sim.time.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Board state directories (DESIGN.md "Virtual boards can persist to a state directory"; file names per the brief). */
class BoardStateStoreTest {

    private static final byte[] UID = {0x27, 0x00, 0x38, 0x00, 0x0E, 0x51, 0x37, 0x31, 0x32, 0x39, 0x38, 0x34};

    @TempDir
    Path dir;

    private static BoardState sampleState(ChipVariant chip) {
        byte[] flash = new byte[chip.flashBytes()];
        new Random(7).nextBytes(flash);
        return new BoardState(chip, UID, flash, Stm32F4System.optionBytesWithRdp(0xBB),
                new BoardCounters(6_123_456_789L, 41_234, 3, 1, 16_384));
    }

    @Test
    void roundTripsEveryField() {
        BoardState state = sampleState(ChipVariant.STM32F401CC);
        BoardStateStore.save(dir, state);
        assertThat(BoardStateStore.load(dir)).contains(state);
    }

    @Test
    void writesTheDocumentedFiles() throws IOException {
        BoardState state = sampleState(ChipVariant.STM32F411CE);
        BoardStateStore.save(dir, state);

        assertThat(Files.readAllBytes(dir.resolve("flash.bin"))).isEqualTo(state.flash());
        assertThat(Files.readAllBytes(dir.resolve("option-bytes.bin"))).isEqualTo(state.optionBytes());
        JsonNode stats = new ObjectMapper().readTree(dir.resolve("stats.json").toFile());
        assertThat(stats.get("uid").asText()).isEqualTo("003800273137510E34383932");
        assertThat(stats.get("chip").asText()).isEqualTo("stm32f411ce");
        assertThat(stats.get("virtual_seconds").asDouble()).isEqualTo(6.123456789);
        assertThat(stats.get("swd_transfers").asLong()).isEqualTo(41_234);
        assertThat(stats.get("sectors_erased").asLong()).isEqualTo(3);
        assertThat(stats.get("mass_erases").asLong()).isEqualTo(1);
        assertThat(stats.get("bytes_programmed").asLong()).isEqualTo(16_384);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind")
                    .containsExactlyInAnyOrder("flash.bin", "option-bytes.bin", "stats.json");
        }
    }

    @Test
    void savingAgainReplacesTheFiles() {
        BoardStateStore.save(dir, sampleState(ChipVariant.STM32F411CE));
        BoardState later = new BoardState(ChipVariant.STM32F411CE, UID, new byte[512 * 1024],
                Stm32F4System.optionBytesWithRdp(0xAA), BoardCounters.NONE);
        BoardStateStore.save(dir, later);
        assertThat(BoardStateStore.load(dir)).contains(later);
    }

    @Test
    void secondsAloneAreEnoughForAnotherToolsFile() throws IOException {
        // stats.json needs only the listed fields; virtual_nanos is our own exact copy
        BoardStateStore.save(dir, sampleState(ChipVariant.STM32F411CE));
        Files.writeString(dir.resolve("stats.json"), """
                {"uid": "003800273137510e34383932", "chip": "STM32F411CE", "virtual_seconds": 1.5,
                 "swd_transfers": 2, "sectors_erased": 3, "mass_erases": 4, "bytes_programmed": 5, "note": "x"}
                """);
        BoardState loaded = BoardStateStore.load(dir).orElseThrow();
        assertThat(loaded.counters()).isEqualTo(new BoardCounters(1_500_000_000L, 2, 3, 4, 5));
        assertThat(loaded.uid()).isEqualTo(UID);
    }

    @Test
    void emptyDirectoryHoldsNoBoard() {
        assertThat(BoardStateStore.load(dir)).isEmpty();
        assertThat(BoardStateStore.load(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void damagedStateIsAnErrorNotAnAbsence() throws IOException {
        BoardStateStore.save(dir, sampleState(ChipVariant.STM32F411CE));
        Files.delete(dir.resolve("flash.bin"));
        assertThatThrownBy(() -> BoardStateStore.load(dir)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void flashOfTheWrongSizeIsRejected() throws IOException {
        BoardStateStore.save(dir, sampleState(ChipVariant.STM32F411CE));
        Files.write(dir.resolve("flash.bin"), new byte[1024]);
        assertThatThrownBy(() -> BoardStateStore.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("524288");
    }

    @Test
    void aChipRestoredFromSavedStateCarriesOn() {
        // the system's flashImage/optionBytes/stats feed BoardState, and load* restore them
        VirtualClock clock = new VirtualClock();
        Stm32F4System first = newChip(clock);
        first.write(0x4002_3C04, AccessSize.WORD, 0x4567_0123);
        first.write(0x4002_3C04, AccessSize.WORD, 0xCDEF_89AB);
        first.write(0x4002_3C10, AccessSize.WORD, 0x201);
        first.write(0x0800_0000, AccessSize.WORD, 0x1234_5678);
        clock.advance(16_000);
        FlashStats stats = first.stats();
        BoardStateStore.save(dir, new BoardState(first.variant(), first.uid(), first.flashImage(),
                Stm32F4System.optionBytesWithRdp(0x00),
                new BoardCounters(clock.nanos(), 4, stats.sectorsErased(), stats.massErases(),
                        stats.bytesProgrammed())));

        BoardState saved = BoardStateStore.load(dir).orElseThrow();
        Stm32F4System second = newChip(new VirtualClock());
        second.loadFlashImage(saved.flash());
        second.loadOptionBytes(saved.optionBytes());
        second.restoreStats(new FlashStats(saved.counters().sectorsErased(), saved.counters().massErases(),
                saved.counters().bytesProgrammed()));

        assertThat(second.read(0x0800_0000, AccessSize.WORD).data()).isEqualTo(0x1234_5678);
        assertThat(second.rdpLevel()).isEqualTo(1);
        assertThat(second.stats().bytesProgrammed()).isEqualTo(4);
    }

    private static Stm32F4System newChip(VirtualClock clock) {
        AhbBus noPpb = new AhbBus() {
            @Override
            public BusResponse read(int address, AccessSize size) {
                return BusResponse.error(clock.nanos());
            }

            @Override
            public BusResponse write(int address, AccessSize size, int value) {
                return BusResponse.error(clock.nanos());
            }
        };
        return new Stm32F4System(ChipVariant.STM32F411CE, UID, clock, TimingProfile.TYPICAL, new FaultPlan(), noPpb,
                () -> { });
    }
}
