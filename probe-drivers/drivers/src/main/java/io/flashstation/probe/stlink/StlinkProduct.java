package io.flashstation.probe.stlink;

import io.flashstation.probe.ProbeKind;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ST-Link USB identities this driver opens (stlink.md §1) and what each implies: probe class, command OUT
 * endpoint, and whether GET_VERSION's last field is the mass-storage version. Left out on purpose: V1 (0x3744,
 * SCSI-wrapped commands), the V3 USB loader (0x374D, firmware-upgrade mode, no debug firmware running), and
 * PIDs that OpenOCD 0.12.0 does not know.
 */
enum StlinkProduct {
    V2(0x3748, ProbeKind.STLINK_V2, 0x02),
    V2_1(0x374B, ProbeKind.STLINK_V2_1, 0x01),
    V2_1_NO_MSD(0x3752, ProbeKind.STLINK_V2_1, 0x01),
    V3E(0x374E, ProbeKind.STLINK_V3, 0x01),
    V3S(0x374F, ProbeKind.STLINK_V3, 0x01),
    V3_TWO_VCP(0x3753, ProbeKind.STLINK_V3, 0x01),
    V3E_NO_MSD(0x3754, ProbeKind.STLINK_V3, 0x01);

    static final int VENDOR_ID = 0x0483;

    /** TIMING.md §3: the V2 divisor table tops out at 4000 kHz; V3 runs SWD up to 24 MHz. */
    private static final long V2_MAX_SWD_HZ = 4_000_000;
    private static final long V3_MAX_SWD_HZ = 24_000_000;

    private final int productId;
    private final ProbeKind kind;
    private final int outEndpoint;

    StlinkProduct(int productId, ProbeKind kind, int outEndpoint) {
        this.productId = productId;
        this.kind = kind;
        this.outEndpoint = outEndpoint;
    }

    static Optional<StlinkProduct> of(int vendorId, int productId) {
        if (vendorId != VENDOR_ID) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(p -> p.productId == productId).findFirst();
    }

    ProbeKind kind() {
        return kind;
    }

    int outEndpoint() {
        return outEndpoint;
    }

    long maxSwdHz() {
        return kind == ProbeKind.STLINK_V3 ? V3_MAX_SWD_HZ : V2_MAX_SWD_HZ;
    }

    /** V2-1 reports M (mass storage) where V2 reports S (SWIM) in GET_VERSION (stlink.md §2.1). */
    boolean isV21() {
        return kind == ProbeKind.STLINK_V2_1;
    }
}
