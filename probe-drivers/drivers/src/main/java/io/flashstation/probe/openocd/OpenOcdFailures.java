package io.flashstation.probe.openocd;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.target.ChipIdentity;
import io.flashstation.probe.target.FlashChecks;
import io.flashstation.probe.target.FlashOperationException;
import io.flashstation.probe.target.SectorLayout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns a run that did not pass into a reason from the station's taxonomy and a sentence an operator can act on,
 * from how the process ended, the script's own refusals and OpenOCD's error lines (their wording is OpenOCD
 * 0.12.0's, src/jtag/drivers and src/flash/nor/stm32f2x.c). The sentence ends with OpenOCD's first error line, if
 * any, so that support sees the tool's own words.
 */
final class OpenOcdFailures {

    /**
     * A failure.
     *
     * @param reason  the taxonomy's reason
     * @param message one sentence for the operator
     * @param address the address it concerns, when known
     */
    record Failure(FailureReason reason, String message, OptionalInt address) {
        Failure(FailureReason reason, String message) {
            this(reason, message, OptionalInt.empty());
        }
    }

    /** A fragment of an OpenOCD error line and what it means. */
    private record Rule(String fragment, FailureReason reason, String meaning) {
    }

    /** First match wins; probe-side causes come before target-side ones, as the probe is opened first. */
    private static final List<Rule> RULES = List.of(
            new Rule("Can't find", FailureReason.BACKEND_UNAVAILABLE,
                    "OpenOCD lacks a configuration file the station needs (check its scripts directory)"),
            new Rule("cannot connect to stlink server", FailureReason.BACKEND_UNAVAILABLE,
                    "no stlink-server answers on the configured port"),
            new Rule("LIBUSB_ERROR_ACCESS", FailureReason.BACKEND_UNAVAILABLE,
                    "OpenOCD may not open the probe's USB device (install the station's udev rules)"),
            new Rule("the selected device is already used", FailureReason.PROBE_LOST,
                    "the probe is in use by another program"),
            new Rule("LIBUSB_ERROR_BUSY", FailureReason.PROBE_LOST, "the probe is in use by another program"),
            new Rule("serial mismatch", FailureReason.PROBE_LOST, "no connected probe has the serial"),
            new Rule("no ST-LINK detected", FailureReason.PROBE_LOST, "no ST-Link is connected"),
            new Rule("No J-Link device found", FailureReason.PROBE_LOST, "no J-Link with the serial is connected"),
            new Rule("unable to find a matching CMSIS-DAP device", FailureReason.PROBE_LOST,
                    "no CMSIS-DAP probe with the serial is connected"),
            new Rule("unable to open CMSIS-DAP device", FailureReason.PROBE_LOST,
                    "the CMSIS-DAP probe could not be opened (in use by another program?)"),
            new Rule("Failed to open device", FailureReason.PROBE_LOST,
                    "the J-Link could not be opened (in use by another program?)"),
            new Rule("open failed", FailureReason.PROBE_LOST,
                    "the probe could not be opened: not connected, or in use by another program"),
            new Rule("failed to send USB CMD", FailureReason.PROBE_LOST, "the probe stopped answering"),
            new Rule("failed to receive USB CMD response", FailureReason.PROBE_LOST, "the probe stopped answering"),
            new Rule("LIBUSB_ERROR_NO_DEVICE", FailureReason.PROBE_LOST, "the probe was unplugged"),
            new Rule("LIBUSB_ERROR_IO", FailureReason.PROBE_LOST, "the probe stopped answering"),
            new Rule("init mode failed", FailureReason.NO_TARGET,
                    "the probe reaches no target: no board in the fixture, or one locked at read-protection level 2"),
            new Rule("cannot read IDR", FailureReason.NO_TARGET,
                    "the probe reaches no target: no board in the fixture, or one locked at read-protection level 2"),
            new Rule("target voltage may be too low", FailureReason.NO_TARGET, "no powered board in the fixture"),
            // FLASH_SR.WRPERR (stm32f411-target.md §6.2): a write-protected sector refused an erase or a write
            new Rule("stm32x device protected", FailureReason.WRITE_PROTECTED,
                    "a write-protected sector refused the erase or write"),
            new Rule("flash memory write protected", FailureReason.WRITE_PROTECTED,
                    "the flash is write-protected"),
            new Rule("timed out waiting for flash", FailureReason.TIMEOUT,
                    "the flash controller stayed busy past OpenOCD's limit"),
            new Rule("checksum mismatch", FailureReason.VERIFY_MISMATCH,
                    "the flash does not hold the image after programming"));

    private OpenOcdFailures() {
    }

    /** The executable could not be started. */
    static Failure notStarted(OpenOcdSettings settings, String problem) {
        return new Failure(FailureReason.BACKEND_UNAVAILABLE, String.format(
                "OpenOCD could not be started from %s (%s): install it or correct the station's openocd path",
                settings.executable(), problem));
    }

    /** The run outlived its timeout and was killed. */
    static Failure timedOut(Duration timeout, OpenOcdOutput output) {
        String where = output.unfinishedPhase().map(p -> " during " + p.name().toLowerCase(java.util.Locale.ROOT))
                .orElse(output.lastEnded().isEmpty() ? " before connecting" : "");
        return new Failure(FailureReason.TIMEOUT, String.format(
                "OpenOCD did not finish within %d s%s and was stopped", timeout.toSeconds(), where)
                + openOcdSaid(output));
    }

    /** A run that exited without passing. */
    static Failure failed(OpenOcdOutput output, FlashPolicy policy, FlashImage image, int exitCode) {
        if (output.refused().isPresent()) {
            return refusal(output.refused().get(), output, policy, image);
        }
        for (String error : output.errors()) {
            for (Rule rule : RULES) {
                if (error.contains(rule.fragment())) {
                    OptionalInt address = rule.reason() == FailureReason.VERIFY_MISMATCH
                            ? output.firstDifference() : OptionalInt.empty();
                    return new Failure(rule.reason(), rule.meaning() + openOcdSaid(output), address);
                }
            }
        }
        if (output.firstDifference().isPresent()) {
            return new Failure(FailureReason.VERIFY_MISMATCH, String.format(
                    "the flash does not hold the image: first difference at 0x%08X",
                    output.firstDifference().getAsInt()) + openOcdSaid(output), output.firstDifference());
        }
        Optional<FlashPhase> phase = output.failedPhase().or(output::unfinishedPhase);
        if (phase.isEmpty()) {
            String detail = output.lastEnded().isEmpty()
                    ? "OpenOCD stopped before connecting (exit code " + exitCode + "): it rejected its configuration"
                    : "OpenOCD exited (code " + exitCode + ") without finishing the flash";
            return new Failure(output.lastEnded().isEmpty() ? FailureReason.BACKEND_UNAVAILABLE
                    : FailureReason.INTERNAL, detail + openOcdSaid(output));
        }
        return byPhase(phase.get(), output);
    }

    /**
     * What failing inside a phase means when no error line says more. Connecting fails for the probe or for the
     * target: an ST-Link another program has claimed, for one, makes OpenOCD give up with nothing above debug level
     * (src/jtag/drivers/stlink_usb.c, "claim interface failed"), so it is the probe unless the probe answered.
     */
    private static Failure byPhase(FlashPhase phase, OpenOcdOutput output) {
        if (phase == FlashPhase.CONNECT && !output.probeAnswered()) {
            return new Failure(FailureReason.PROBE_LOST, "OpenOCD could not open the probe: not connected, or in use "
                    + "by another program" + openOcdSaid(output));
        }
        FailureReason reason = switch (phase) {
            case CONNECT, IDENTIFY -> FailureReason.NO_TARGET;
            case ERASE -> FailureReason.ERASE_FAILED;
            case PROGRAM -> FailureReason.PROGRAM_FAILED;
            case CHECK, VERIFY, RESET -> FailureReason.INTERNAL;
        };
        return new Failure(reason, "OpenOCD failed to " + verb(phase) + openOcdSaid(output));
    }

    private static String verb(FlashPhase phase) {
        return switch (phase) {
            case CONNECT -> "connect to the target";
            case IDENTIFY -> "read the chip's identity";
            case CHECK -> "read the chip's protection";
            case ERASE -> "erase the flash";
            case PROGRAM -> "program the flash";
            case VERIFY -> "read the flash back";
            case RESET -> "reset the board";
        };
    }

    /**
     * The script's check refused: the sentence is the native path's, computed from what the script read, so that a
     * row reads the same whichever backend flashed the board.
     */
    private static Failure refusal(FailureReason reason, OpenOcdOutput output, FlashPolicy policy,
            FlashImage image) {
        Optional<ChipIdentity> chip = output.chip();
        if (chip.isEmpty()) {
            return new Failure(FailureReason.WRONG_CHIP, output.idcode().isPresent()
                    ? String.format("DBGMCU_IDCODE 0x%08X with F_SIZE 0x%04X is not an STM32F401 or F411",
                            output.idcode().getAsInt(), output.flashKib())
                    : "the chip could not be identified");
        }
        ChipIdentity found = chip.get();
        try {
            switch (reason) {
                case WRONG_CHIP -> {
                    return new Failure(reason, "the image is not for the " + found.partName() + " found (accepted: "
                            + policy.acceptedFamilies() + ")");
                }
                case IMAGE_TOO_LARGE -> FlashChecks.requireFits(found,
                        SectorLayout.forFlashSize(found.flashKib()), image.segments());
                case READ_PROTECTED -> {
                    if (output.unlocking()) {
                        return new Failure(reason, String.format("the %s stays at read-protection level 1 after the "
                                + "regression (RDP 0x%02X): power-cycle it", found.partName(),
                                output.options().orElseThrow().rdpByte()));
                    }
                    FlashChecks.requireWritable(found, output.options().orElseThrow(), List.of(), false);
                }
                case WRITE_PROTECTED -> FlashChecks.requireWritable(found, output.options().orElseThrow(),
                        FlashScript.sectorsTouched(image), true);
                default -> {
                    // the script refuses for the reasons above only
                }
            }
        } catch (FlashOperationException e) {
            return new Failure(reason, e.getMessage(), e.address());
        }
        return new Failure(reason, "OpenOCD's check refused the " + found.partName() + " (" + reason + ")");
    }

    private static String openOcdSaid(OpenOcdOutput output) {
        return output.errors().stream().findFirst().map(e -> " (OpenOCD: " + e + ")").orElse("");
    }
}
