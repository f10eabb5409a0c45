package io.flashstation.probe.target;

/**
 * Consecutive program units (words at x32) that must be written, starting at an aligned address.
 *
 * @param address the first unit's address
 * @param units   the unit values, one per access
 */
public record ProgramRun(int address, int[] units) {

    public int count() {
        return units.length;
    }
}
