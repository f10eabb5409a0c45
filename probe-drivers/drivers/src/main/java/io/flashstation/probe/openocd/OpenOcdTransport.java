package io.flashstation.probe.openocd;

/** How OpenOCD talks SWD through a probe, named as OpenOCD's {@code transport select} names it. */
public enum OpenOcdTransport {
    /** Raw SWD: J-Link and CMSIS-DAP. */
    SWD("swd"),
    /** ST-Link through OpenOCD's high-level adapter layer (the tutorial's ST-Link recipe). */
    HLA_SWD("hla_swd"),
    /** ST-Link as a DAP: OpenOCD's own ADIv5 code over the ST-Link's DAP commands (firmware V2J24 and later). */
    DAPDIRECT_SWD("dapdirect_swd");

    private final String openOcdName;

    OpenOcdTransport(String openOcdName) {
        this.openOcdName = openOcdName;
    }

    public String openOcdName() {
        return openOcdName;
    }
}
