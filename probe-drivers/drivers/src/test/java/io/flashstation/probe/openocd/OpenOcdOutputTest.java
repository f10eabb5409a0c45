package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashProgress;
import io.flashstation.probe.openocd.OpenOcdFailures.Failure;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.probe.target.Stm32F4Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading OpenOCD 0.12.0's output and naming its failures. The transcripts are OpenOCD's own lines (captured from
 * runs against the virtual lab, or spelled as its source prints them where no virtual probe can provoke them).
 */
class OpenOcdOutputTest {

    private static final FlashImage IMAGE = FlashImage.of(SectorLayout.FLASH_BASE, new byte[3_000]);

    private final List<FlashProgress> events = new ArrayList<>();

    private OpenOcdOutput read(String transcript) {
        OpenOcdOutput output = new OpenOcdOutput(events::add, IMAGE.size());
        transcript.lines().forEach(output::accept);
        return output;
    }

    private Failure failure(String transcript) {
        return OpenOcdFailures.failed(read(transcript), FlashPolicy.defaults(), IMAGE, 1);
    }

    private static final String PASSING_RUN = """
            flash-station: begin CONNECT 321991329
            Info : STLINK V2J37S7 (API v2) VID:PID 0483:3748
            Info : Unable to match requested speed 2000 kHz, using 1800 kHz
            flash-station: clock adapter speed: 1800 kHz
            flash-station: end CONNECT 321991502
            flash-station: begin IDENTIFY 321991502
            flash-station: chip idcode 0x10006431 flash-kib 0x200 uid 0x150000 0x54534601 0x3742414c
            flash-station: end IDENTIFY 321991509
            flash-station: begin CHECK 321991509
            flash-station: options optcr 0xfffaaed
            flash-station: end CHECK 321991512
            flash-station: begin ERASE 321991512
            erased sectors 0 through 0 on flash bank 0 in 0.421586s
            flash-station: end ERASE 321991985
            flash-station: begin PROGRAM 321991985
            Warn : couldn't use block writes, falling back to single memory accesses
            wrote 3000 bytes from file /tmp/flash-station-1.bin in 0.242s (12.106 KiB/s)
            flash-station: end PROGRAM 321992228
            flash-station: begin VERIFY 321992228
            verified 3000 bytes in 0.002s (1464.844 KiB/s)
            flash-station: end VERIFY 321992231
            flash-station: begin RESET 321992231
            flash-station: end RESET 321992233
            shutdown command invoked
            """;

    // stm32f411-target.md §4, §5: DBGMCU_IDCODE 0x10006431 is an F411 rev 0x1000; F_SIZE 0x200 = 512 KiB
    @Test
    void aPassingRunGivesChipUidClockBytesAndPhaseDurations() {
        OpenOcdOutput output = read(PASSING_RUN);

        assertThat(output.chip()).hasValueSatisfying(chip -> {
            assertThat(chip.family()).isEqualTo(Stm32F4Family.STM32F411);
            assertThat(chip.revId()).isEqualTo(0x1000);
            assertThat(chip.partName()).isEqualTo("STM32F411xE");
            assertThat(chip.uid().hex()).isEqualTo("00150000545346013742414C");
        });
        assertThat(output.clockHz()).isEqualTo(1_800_000);
        assertThat(output.bytesWritten()).isEqualTo(3_000);
        assertThat(output.durations()).containsEntry(FlashPhase.CONNECT, Duration.ofMillis(173))
                .containsEntry(FlashPhase.ERASE, Duration.ofMillis(473))
                .containsEntry(FlashPhase.PROGRAM, Duration.ofMillis(243)).hasSize(FlashPhase.values().length);
        assertThat(output.total()).isEqualTo(Duration.ofMillis(321992233 - 321991329));
        assertThat(output.lastEnded()).contains(FlashPhase.RESET);
        assertThat(output.errors()).isEmpty();
        assertThat(events).extracting(FlashProgress::phase).containsSubsequence(FlashPhase.values());
        assertThat(events).contains(new FlashProgress(FlashPhase.PROGRAM, 3_000, 3_000));
    }

    // OpenOCD src/helper/startup.tcl (find): a missing interface configuration stops it while sourcing
    @Test
    void anUnknownInterfaceIsTheBackendUnavailable() {
        Failure failure = failure("""
                Open On-Chip Debugger 0.12.0
                embedded:startup.tcl:28: Error: Can't find interface/nope.cfg
                in procedure 'script'
                at file "embedded:startup.tcl", line 28
                """);

        assertThat(failure.reason()).isEqualTo(FailureReason.BACKEND_UNAVAILABLE);
        assertThat(failure.message()).contains("configuration file").contains("Can't find interface/nope.cfg");
    }

    // OpenOCD src/jtag/drivers/stlink_usb.c: stlink-server marks a device another client has open
    @Test
    void aProbeInUseIsNamedAsSuch() {
        assertThat(failure("""
                flash-station: begin CONNECT 5
                Error: the selected device is already used
                flash-station: failed CONNECT 6
                """)).satisfies(f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.PROBE_LOST);
                    assertThat(f.message()).startsWith("the probe is in use by another program");
                });
        // src/jtag/drivers/libusb_helper.c: the kernel refuses a claimed device
        assertThat(failure("""
                flash-station: begin CONNECT 5
                Error: libusb_open() failed with LIBUSB_ERROR_BUSY
                Error: open failed
                flash-station: failed CONNECT 6
                """).message()).startsWith("the probe is in use by another program");
    }

    // src/jtag/drivers/stlink_usb.c: a claimed interface is only logged at debug level
    @Test
    void failingToConnectIsTheProbeUnlessTheProbeAnswered() {
        assertThat(failure("""
                flash-station: begin CONNECT 5
                flash-station: failed CONNECT 6
                """)).satisfies(f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.PROBE_LOST);
                    assertThat(f.message()).contains("could not open the probe");
                });
        assertThat(failure("""
                flash-station: begin CONNECT 5
                Info : STLINK V2J37S7 (API v2) VID:PID 0483:3748
                flash-station: failed CONNECT 6
                """).reason()).isEqualTo(FailureReason.NO_TARGET);
        assertThat(failure("""
                flash-station: begin CONNECT 5
                Info : CMSIS-DAP: FW Version = 2.1.0
                flash-station: failed CONNECT 6
                """).reason()).isEqualTo(FailureReason.NO_TARGET);
    }

    @Test
    void missingUdevPermissionsAreTheStationsFault() {
        assertThat(failure("""
                flash-station: begin CONNECT 5
                Error: libusb_open() failed with LIBUSB_ERROR_ACCESS
                flash-station: failed CONNECT 6
                """).reason()).isEqualTo(FailureReason.BACKEND_UNAVAILABLE);
    }

    // src/flash/nor/stm32f2x.c: WRPERR during a write
    @Test
    void openOcdsFlashErrorsMapToTheirReasons() {
        assertThat(failure("""
                flash-station: begin PROGRAM 5
                Error: flash memory write protected
                flash-station: failed PROGRAM 6
                """).reason()).isEqualTo(FailureReason.WRITE_PROTECTED);
        assertThat(failure("""
                flash-station: begin ERASE 5
                Error: timed out waiting for flash
                flash-station: failed ERASE 6
                """).reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(failure("""
                flash-station: begin ERASE 5
                Error: some new complaint
                flash-station: failed ERASE 6
                """)).satisfies(f -> {
                    assertThat(f.reason()).isEqualTo(FailureReason.ERASE_FAILED);
                    assertThat(f.message())
                            .isEqualTo("OpenOCD failed to erase the flash (OpenOCD: some new complaint)");
                });
        assertThat(failure("""
                flash-station: begin PROGRAM 5
                flash-station: failed PROGRAM 6
                """).reason()).isEqualTo(FailureReason.PROGRAM_FAILED);
    }

    // src/target/target.c (verify_image): the first "diff" line names the first mismatching byte
    @Test
    void aVerifyMismatchCarriesTheFirstDifferentAddress() {
        Failure failure = failure("""
                flash-station: begin VERIFY 5
                Error: checksum mismatch - attempting binary compare
                flash-station: failed VERIFY 6
                diff 0 address 0x08000101. Was 0xef instead of 0xff
                diff 1 address 0x08000203. Was 0x00 instead of 0x01
                No more differences found.
                """);

        assertThat(failure.reason()).isEqualTo(FailureReason.VERIFY_MISMATCH);
        assertThat(failure.address()).hasValue(0x0800_0101);
    }

    @Test
    void anExitBeforeConnectingIsARejectedConfigurationAndAnUnfinishedRunIsInternal() {
        assertThat(failure("Open On-Chip Debugger 0.12.0\n").reason())
                .isEqualTo(FailureReason.BACKEND_UNAVAILABLE);
        assertThat(failure("""
                flash-station: begin CONNECT 5
                flash-station: end CONNECT 6
                """).reason()).isEqualTo(FailureReason.INTERNAL);
    }

    // stm32f411-target.md §5: a DEV_ID that is neither F401 nor F411
    @Test
    void anUnknownPartIsTheWrongChipWithItsIdcode() {
        Failure failure = failure("""
                flash-station: begin IDENTIFY 5
                flash-station: chip idcode 0x10076413 flash-kib 0x400 uid 0x1 0x2 0x3
                flash-station: end IDENTIFY 6
                flash-station: begin CHECK 6
                flash-station: refused WRONG_CHIP
                flash-station: failed CHECK 7
                """);

        assertThat(failure.reason()).isEqualTo(FailureReason.WRONG_CHIP);
        assertThat(failure.message()).contains("0x10076413").contains("not an STM32F401 or F411");
    }

    // stm32f411-target.md §7.3: nWRP bit 0 clear protects sector 0; the sentence is the native path's
    @Test
    void aWriteProtectedSectorIsNamed() {
        Failure failure = failure("""
                flash-station: chip idcode 0x10006431 flash-kib 0x200 uid 0x1 0x2 0x3
                flash-station: begin CHECK 6
                flash-station: options optcr 0x0ffeaaed
                flash-station: refused WRITE_PROTECTED
                flash-station: failed CHECK 7
                """);

        assertThat(failure.reason()).isEqualTo(FailureReason.WRITE_PROTECTED);
        assertThat(failure.message()).contains("sector 0").contains("write-protected");
        assertThat(failure.address()).hasValue(SectorLayout.FLASH_BASE);
    }

    @Test
    void aTimeoutSaysWhereTheRunWas() {
        OpenOcdOutput output = read("""
                flash-station: begin CONNECT 5
                flash-station: end CONNECT 6
                flash-station: begin ERASE 6
                """);

        Failure failure = OpenOcdFailures.timedOut(Duration.ofSeconds(90), output);

        assertThat(failure.reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(failure.message()).isEqualTo("OpenOCD did not finish within 90 s during erase and was stopped");
    }
}
