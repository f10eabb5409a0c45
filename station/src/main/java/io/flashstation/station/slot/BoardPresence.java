package io.flashstation.station.slot;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.probe.arm.DebugPort;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.flash.FlashSession;
import io.flashstation.probe.target.Stm32F4;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Looks into a probe's fixture without disturbing what is there: target voltage first (where the probe measures
 * it), then whether a debug port answers, then the chip's UID. The core is never halted, so a board that was just
 * flashed keeps running its firmware while the slot waits for it to be taken off.
 */
final class BoardPresence {

    private BoardPresence() {
    }

    /** A board seen in the fixture; its UID when the chip could be identified. */
    record Sighting(Optional<String> uid) {
    }

    /** What is in the fixture now; empty when nothing answers. A probe that is gone is not "no board". */
    static Optional<Sighting> look(DebugProbe probe) throws ProbeLostException {
        try {
            OptionalDouble volts = probe.targetVoltage();
            if (volts.isPresent() && volts.getAsDouble() < FlashSession.MIN_TARGET_VOLTS) {
                return Optional.empty();
            }
            probe.connect();
        } catch (ProbeLostException e) {
            throw e;
        } catch (ProbeException e) {
            return Optional.empty();
        }
        try {
            DebugPort dp = new DebugPort(probe);
            dp.powerUp();
            return Optional.of(new Sighting(Optional.of(new Stm32F4(MemAp.cortexM4(dp)).identify().uid().hex())));
        } catch (ProbeLostException e) {
            throw e;
        } catch (ProbeException | RuntimeException e) {
            // something answers but is not a chip we can identify: it is a board all the same (a wrong chip)
            return Optional.of(new Sighting(Optional.empty()));
        }
    }
}
