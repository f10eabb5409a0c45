package io.flashstation.station.image;

/**
 * What the station does with CircuitPython's filesystem sectors (circuitpython-blackpill.md §4): the image holds
 * zeros there, which the firmware replaces with a fresh CIRCUITPY drive on first boot.
 */
public enum CircuitPyPolicy {
    /** Write the image as it is, zeros included (a factory: every board leaves identical). */
    WRITE,
    /** Erase the filesystem sectors but do not program them: same end state, 48 KiB less to write. */
    ERASE,
    /** Leave the filesystem sectors alone: a re-flash keeps the files already on the board (a classroom). */
    PRESERVE
}
