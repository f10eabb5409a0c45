package io.flashstation.sim.jlink;

/** Target interface numbers of SELECT_TIF (jlink.md §2.6); the two a flashing probe deals with. */
public enum TargetInterface {
    JTAG(0), SWD(1);

    private final int number;

    TargetInterface(int number) {
        this.number = number;
    }

    /** The number SELECT_TIF uses; bit {@code number} of the "available" mask. */
    public int number() {
        return number;
    }

    /** The "available interfaces" bit mask holding these interfaces. */
    public static int mask(TargetInterface... interfaces) {
        int mask = 0;
        for (TargetInterface tif : interfaces) {
            mask |= 1 << tif.number;
        }
        return mask;
    }
}
