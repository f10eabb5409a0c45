package io.flashstation.station.slot;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashResult;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a failure means for the person at the fixture: one sentence saying what happened and what to do, ahead
 * of the technical detail the session reported (which stays for whoever reads the logs).
 */
public final class OperatorAdvice {

    private OperatorAdvice() {
    }

    /** What to do about {@code reason}, for lists of failures. */
    public static String whatToDo(FailureReason reason) {
        return switch (reason) {
            case PROBE_LOST -> "Check the probe's USB cable and hub; flash the board again.";
            case NO_TARGET -> "Seat the board in the fixture and power it; a board locked at read-protection level 2 "
                    + "never answers and must be set aside.";
            case WRONG_CHIP -> "Set the board aside: it carries a different chip than the firmware is for.";
            case IMAGE_TOO_LARGE -> "Set the board aside: its flash is too small for this firmware.";
            case READ_PROTECTED -> "Set the board aside, or allow unlocking (it erases the board) with "
                    + "station.policy.unlock-read-protection=true.";
            case WRITE_PROTECTED -> "Set the board aside: a sector the firmware needs is write-protected.";
            case ERASE_FAILED, PROGRAM_FAILED -> "Set the board aside: its flash may be damaged.";
            case VERIFY_MISMATCH -> "Set the board aside: its flash does not keep what was written.";
            case TIMEOUT -> "Flash it again; if it repeats, lower station.swd-clock-khz.";
            case WIRE_ERROR -> "Check the wires between probe and board (short, firmly seated); if it repeats, lower "
                    + "station.swd-clock-khz.";
            case BACKEND_UNAVAILABLE -> "Call the station's technician: the flashing tool cannot run (the log says "
                    + "why); the board itself is not at fault.";
            case INTERNAL -> "Flash it again; if it repeats, the station's log has the details.";
        };
    }

    /** The sentence recorded and shown for {@code result}: what happened, what to do, then the detail. */
    public static String describe(FlashResult result, boolean aborted) {
        if (aborted) {
            return "The station stopped before this board was finished: flash it again. (" + result.message() + ")";
        }
        if (result.reason().isEmpty()) {
            return result.message();
        }
        FailureReason reason = result.reason().get();
        String phase = lastPhase(result).map(p -> p.name().toLowerCase(Locale.ROOT)).orElse("connect");
        String happened = switch (reason) {
            case PROBE_LOST -> "The probe left the USB bus during " + phase + ".";
            case NO_TARGET -> phase.equals("connect") ? "No board answers in the fixture."
                    : "The board stopped answering during " + phase + ": it was taken off or lost power.";
            case WRONG_CHIP -> "Wrong chip.";
            case IMAGE_TOO_LARGE -> "The firmware does not fit this chip.";
            case READ_PROTECTED -> "The board is read-protected.";
            case WRITE_PROTECTED -> "The board is write-protected.";
            case ERASE_FAILED -> "The flash would not erase.";
            case PROGRAM_FAILED -> "The flash would not program.";
            case VERIFY_MISMATCH -> "Verification failed: the flash does not hold the firmware.";
            case TIMEOUT -> "The chip stayed busy too long during " + phase + ".";
            case WIRE_ERROR -> "The SWD link kept failing during " + phase + ".";
            case BACKEND_UNAVAILABLE -> "The flashing tool could not run.";
            case INTERNAL -> "Something unexpected went wrong during " + phase + ".";
        };
        return happened + " " + whatToDo(reason) + " (" + result.message() + ")";
    }

    // the phases run in order, so the failing one is the last that took any time
    private static Optional<FlashPhase> lastPhase(FlashResult result) {
        return Arrays.stream(FlashPhase.values()).filter(result.phaseDurations()::containsKey)
                .reduce((first, second) -> second);
    }
}
