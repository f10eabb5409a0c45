package io.flashstation.probe.flash;

import io.flashstation.probe.target.Stm32F4Family;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a session may do.
 *
 * @param swdClockHz         the SWD clock to ask for; 0 asks for the probe's maximum
 * @param acceptedFamilies   the parts this image is for; any other part fails with WRONG_CHIP
 * @param allowMassErase     whether a mass erase may replace sector erases when it is quicker (it also clears
 *                           sectors the image does not touch)
 * @param allowRdpRegression whether a chip at RDP level 1 may be unlocked, which mass-erases it
 * @param assumedSupplyVolts the supply to assume when the probe cannot measure it (BlackPill: 3.3 V)
 * @param verify             whether to verify the image after programming; only a benchmark measuring the
 *                           write path alone turns it off, since a station's PASS means "verified"
 * @param onTargetCrc        verify with a CRC the chip computes itself ({@code OnTargetCrc}) instead of reading
 *                           the image back; read-back remains the fallback when the routine cannot run
 * @param flashLoader        program through our double-buffered loader on the core ({@code FlashLoader}) instead
 *                           of writing flash from the host; host programming remains the fallback
 */
public record FlashPolicy(long swdClockHz, Set<Stm32F4Family> acceptedFamilies, boolean allowMassErase,
        boolean allowRdpRegression, double assumedSupplyVolts, boolean verify, boolean onTargetCrc,
        boolean flashLoader) {

    public FlashPolicy {
        acceptedFamilies = Set.copyOf(acceptedFamilies);
    }

    /** A policy that programs from the host and verifies by read-back when it verifies. */
    public FlashPolicy(long swdClockHz, Set<Stm32F4Family> acceptedFamilies, boolean allowMassErase,
            boolean allowRdpRegression, double assumedSupplyVolts, boolean verify) {
        this(swdClockHz, acceptedFamilies, allowMassErase, allowRdpRegression, assumedSupplyVolts, verify, false,
                false);
    }

    /** A policy that verifies by read-back. */
    public FlashPolicy(long swdClockHz, Set<Stm32F4Family> acceptedFamilies, boolean allowMassErase,
            boolean allowRdpRegression, double assumedSupplyVolts) {
        this(swdClockHz, acceptedFamilies, allowMassErase, allowRdpRegression, assumedSupplyVolts, true, false, false);
    }

    /** Fastest clock, any F401/F411, mass erase when quicker, no RDP regression, 3.3 V when unmeasured. */
    public static FlashPolicy defaults() {
        return new FlashPolicy(0, EnumSet.allOf(Stm32F4Family.class), true, false, 3.3);
    }

    public FlashPolicy withSwdClockHz(long hz) {
        return new FlashPolicy(hz, acceptedFamilies, allowMassErase, allowRdpRegression, assumedSupplyVolts, verify,
                onTargetCrc, flashLoader);
    }

    public FlashPolicy withAcceptedFamilies(Set<Stm32F4Family> families) {
        return new FlashPolicy(swdClockHz, families, allowMassErase, allowRdpRegression, assumedSupplyVolts, verify,
                onTargetCrc, flashLoader);
    }

    public FlashPolicy withMassErase(boolean allowed) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowed, allowRdpRegression, assumedSupplyVolts, verify,
                onTargetCrc, flashLoader);
    }

    public FlashPolicy withRdpRegression(boolean allowed) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowMassErase, allowed, assumedSupplyVolts, verify,
                onTargetCrc, flashLoader);
    }

    public FlashPolicy withAssumedSupplyVolts(double volts) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowMassErase, allowRdpRegression, volts, verify,
                onTargetCrc, flashLoader);
    }

    public FlashPolicy withVerify(boolean verifies) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowMassErase, allowRdpRegression, assumedSupplyVolts,
                verifies, onTargetCrc, flashLoader);
    }

    /** Verification by the chip's own CRC (with read-back as the fallback) rather than by read-back alone. */
    public FlashPolicy withOnTargetCrc(boolean crc) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowMassErase, allowRdpRegression, assumedSupplyVolts,
                verify, crc, flashLoader);
    }

    /** Programming through the chip's own loader (with host programming as the fallback). */
    public FlashPolicy withFlashLoader(boolean loader) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowMassErase, allowRdpRegression, assumedSupplyVolts,
                verify, onTargetCrc, loader);
    }
}
