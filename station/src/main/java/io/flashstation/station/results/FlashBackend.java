package io.flashstation.station.results;

/** Which flashing engine drove an attempt, with the lower-case name stored in results. */
public enum FlashBackend {
    NATIVE("native"),
    OPENOCD("openocd");

    private final String id;

    FlashBackend(String id) {
        this.id = id;
    }

    /** The name stored in the database and printed by the formats. */
    public String id() {
        return id;
    }

    /** Parses a stored name such as "native". */
    public static FlashBackend fromId(String id) {
        for (FlashBackend backend : values()) {
            if (backend.id.equals(id)) {
                return backend;
            }
        }
        throw new IllegalArgumentException("unknown flash backend '" + id + "'; expected native or openocd");
    }
}
