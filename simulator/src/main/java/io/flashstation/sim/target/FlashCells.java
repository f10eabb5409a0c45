package io.flashstation.sim.target;

import io.flashstation.sim.fault.FaultPlan;

import java.util.Arrays;

/**
 * An array of flash cells (main flash or OTP): erased cells read 1, programming can only clear bits
 * (stm32f411-target.md §3), and stuck cells armed in the {@link FaultPlan} override what a read returns.
 */
final class FlashCells {

    private final byte[] cells;
    private final int busAddress;
    private final FaultPlan faults;

    /** {@code busAddress} is where offset 0 sits on the system bus; stuck-cell faults are keyed by bus address. */
    FlashCells(int size, int busAddress, FaultPlan faults) {
        this.cells = new byte[size];
        this.busAddress = busAddress;
        this.faults = faults;
        Arrays.fill(cells, (byte) 0xFF);
    }

    int size() {
        return cells.length;
    }

    int read(int offset, AccessSize size) {
        return LittleEndian.read(i -> faults.applyStuckCells(busAddress + i, cells[i] & 0xFF), offset, size);
    }

    /** Raw cell content, without stuck-cell faults (those belong to the fault plan, not to the stored data). */
    int rawByte(int offset) {
        return cells[offset] & 0xFF;
    }

    /** Programs the first {@code count} bytes of {@code data} at {@code offset}: new = old AND data (§8). */
    void program(int offset, byte[] data, int count) {
        for (int i = 0; i < count; i++) {
            cells[offset + i] &= data[i];
        }
    }

    void erase(int offset, int length) {
        Arrays.fill(cells, offset, offset + length, (byte) 0xFF);
    }

    byte[] image() {
        return cells.clone();
    }

    void load(byte[] image) {
        if (image.length != cells.length) {
            throw new IllegalArgumentException("flash image must be " + cells.length + " bytes, got " + image.length);
        }
        System.arraycopy(image, 0, cells, 0, cells.length);
    }
}
