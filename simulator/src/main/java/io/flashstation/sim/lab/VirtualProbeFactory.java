package io.flashstation.sim.lab;

import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.cmsisdap.CmsisDapHidDevice;
import io.flashstation.sim.jlink.JLinkProfile;
import io.flashstation.sim.jlink.VirtualJLink;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.VirtualUsbDevice;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Builds the virtual probe of a probe class named as TIMING.md §3 and the station's {@code --probe} option name it
 * (the simulator cannot see the drivers' {@code ProbeKind}, so the lower-case id is the key).
 */
public final class VirtualProbeFactory {

    /** Probe class id to a maker of unit {@code n} wired to a fixture; one line per class the lab can build. */
    private static final Map<String, BiFunction<Integer, Fixture, VirtualUsbDevice>> MAKERS = makers();

    private VirtualProbeFactory() {
    }

    private static Map<String, BiFunction<Integer, Fixture, VirtualUsbDevice>> makers() {
        Map<String, BiFunction<Integer, Fixture, VirtualUsbDevice>> makers = new LinkedHashMap<>();
        makers.put("cmsis-dap-v1", CmsisDapHidDevice::daplink);
        makers.put("cmsis-dap-v2-fs", CmsisDapBulkDevice::xiaoDaplink);
        makers.put("cmsis-dap-v2-hs", CmsisDapBulkDevice::nanoDapHs);
        makers.put("stlink-v2", (unit, fixture) -> stlink(StlinkModel.V2, unit, fixture));
        makers.put("stlink-v2-1", (unit, fixture) -> stlink(StlinkModel.V2_1, unit, fixture));
        makers.put("stlink-v3", (unit, fixture) -> stlink(StlinkModel.V3, unit, fixture));
        makers.put("jlink-ob", (unit, fixture) -> new VirtualJLink(JLinkProfile.armObStm32Clone(), fixture));
        return Collections.unmodifiableMap(makers);
    }

    /** A clone ST-Link/V2 with old firmware (V2J29): one that tools other than OpenOCD may refuse. */
    public static final String STLINK_V2_CLONE = "stlink-v2-clone";

    /** The probe class ids the lab can build, in TIMING.md order. */
    public static Set<String> kinds() {
        return MAKERS.keySet();
    }

    /** {@link #kinds()} and the lab's odd probes: what a simulated station may be given. */
    public static Set<String> allKinds() {
        Set<String> all = new LinkedHashSet<>(MAKERS.keySet());
        all.add(STLINK_V2_CLONE);
        return Collections.unmodifiableSet(all);
    }

    /** Unit {@code unit} of probe class {@code kindId} wired to {@code fixture}; empty for a class the lab lacks. */
    public static Optional<VirtualUsbDevice> create(String kindId, int unit, Fixture fixture) {
        if (kindId.equals(STLINK_V2_CLONE)) {
            return Optional.of(stlink(StlinkModel.V2_CLONE, unit, fixture));
        }
        return Optional.ofNullable(MAKERS.get(kindId)).map(maker -> maker.apply(unit, fixture));
    }

    private static VirtualStlink stlink(StlinkModel model, int unit, Fixture fixture) {
        return new VirtualStlink(model, StlinkLab.serial(model, unit), fixture);
    }
}
