package io.flashstation.probe.openocd;

import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.target.ChipUid;
import java.util.Optional;

/**
 * Looks into a fixture through OpenOCD, for a probe only OpenOCD can drive: connects without a reset and reads the
 * chip's UID. Each look is one OpenOCD run (a fraction of a second), so a slot polls with it gently.
 */
public final class OpenOcdBoardLook {

    /**
     * What a look found.
     *
     * @param present whether a debug port answered
     * @param uid     the chip's UID as 24 hex digits, when the chip could be read
     */
    public record Seen(boolean present, Optional<String> uid) {
    }

    private OpenOcdBoardLook() {
    }

    /** Runs OpenOCD once against {@code probe}; a run that cannot start or connect finds nothing. */
    public static Seen look(OpenOcdSettings settings, OpenOcdProbe probe) {
        OpenOcdOutput output = new OpenOcdOutput(progress -> { }, 0);
        OpenOcdRunner.Outcome outcome = OpenOcdRunner.run(OpenOcdInvocationBuilder.look(settings, probe),
                settings.timeout(), output::accept);
        Optional<String> uid = output.uid().map(ChipUid::hex);
        boolean connected = output.durations().containsKey(FlashPhase.CONNECT)
                && outcome.ending() == OpenOcdRunner.Ending.EXITED;
        return new Seen(uid.isPresent() || connected && outcome.exitCode() == 0, uid);
    }
}
