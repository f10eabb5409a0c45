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
 */
public record FlashPolicy(long swdClockHz, Set<Stm32F4Family> acceptedFamilies, boolean allowMassErase,
        boolean allowRdpRegression, double assumedSupplyVolts) {

    public FlashPolicy {
        acceptedFamilies = Set.copyOf(acceptedFamilies);
    }

    /** Fastest clock, any F401/F411, mass erase when quicker, no RDP regression, 3.3 V when unmeasured. */
    public static FlashPolicy defaults() {
        return new FlashPolicy(0, EnumSet.allOf(Stm32F4Family.class), true, false, 3.3);
    }

    public FlashPolicy withSwdClockHz(long hz) {
        return new FlashPolicy(hz, acceptedFamilies, allowMassErase, allowRdpRegression, assumedSupplyVolts);
    }

    public FlashPolicy withAcceptedFamilies(Set<Stm32F4Family> families) {
        return new FlashPolicy(swdClockHz, families, allowMassErase, allowRdpRegression, assumedSupplyVolts);
    }

    public FlashPolicy withMassErase(boolean allowed) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowed, allowRdpRegression, assumedSupplyVolts);
    }

    public FlashPolicy withRdpRegression(boolean allowed) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowMassErase, allowed, assumedSupplyVolts);
    }

    public FlashPolicy withAssumedSupplyVolts(double volts) {
        return new FlashPolicy(swdClockHz, acceptedFamilies, allowMassErase, allowRdpRegression, volts);
    }
}
