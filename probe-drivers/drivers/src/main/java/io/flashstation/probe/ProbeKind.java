package io.flashstation.probe;

/** The probe classes the station drives, named as TIMING.md and the `bench --probe` option name them. */
public enum ProbeKind {
    CMSIS_DAP_V1("cmsis-dap-v1"),
    CMSIS_DAP_V2_FS("cmsis-dap-v2-fs"),
    CMSIS_DAP_V2_HS("cmsis-dap-v2-hs"),
    STLINK_V2("stlink-v2"),
    STLINK_V2_1("stlink-v2-1"),
    STLINK_V3("stlink-v3"),
    JLINK_OB("jlink-ob");

    private final String id;

    ProbeKind(String id) {
        this.id = id;
    }

    /** The lower-case name used on the command line, in metrics labels and in results. */
    public String id() {
        return id;
    }

    /** Parses a name such as "stlink-v2" (case-insensitive). */
    public static ProbeKind fromId(String id) {
        for (ProbeKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown probe kind '" + id + "'; expected one of cmsis-dap-v1, "
                + "cmsis-dap-v2-fs, cmsis-dap-v2-hs, stlink-v2, stlink-v2-1, stlink-v3, jlink-ob");
    }
}
