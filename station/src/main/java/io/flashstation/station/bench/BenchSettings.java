package io.flashstation.station.bench;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.sim.time.TimingProfile;

/**
 * What one bench run flashes and how.
 *
 * @param kind     the probe class to build in the virtual lab
 * @param image    the image every board gets
 * @param swdKhz   the SWD clock to ask for, in kHz; 0 asks for the probe's maximum
 * @param boards   how many boards go through the fixture, one after another
 * @param timing   the boards' flash timing profile (TIMING.md §1)
 * @param readBack whether each session verifies by reading the image back
 */
public record BenchSettings(ProbeKind kind, FlashImage image, long swdKhz, int boards, TimingProfile timing,
        boolean readBack) {

    public BenchSettings {
        if (boards < 1) {
            throw new IllegalArgumentException("a bench needs at least one board, not " + boards);
        }
        if (swdKhz < 0) {
            throw new IllegalArgumentException("negative SWD clock: " + swdKhz + " kHz");
        }
    }
}
