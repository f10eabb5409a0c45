package io.flashstation.sim.core;

import java.util.HashMap;
import java.util.Map;

/**
 * Plain memory-mapped registers by offset: each has a reset value, a mask of writable bits and a write rule
 * (store, or write-one-to-clear for status registers). Offsets it does not hold read as zero and ignore writes.
 */
final class RegisterTable {

    private record Spec(int reset, int writable, boolean writeOneToClear) {
    }

    private final Map<Integer, Spec> specs = new HashMap<>();
    private final Map<Integer, Integer> values = new HashMap<>();

    /** A read/write register. */
    RegisterTable plain(int offset, int reset, int writable) {
        specs.put(offset, new Spec(reset, writable, false));
        values.put(offset, reset);
        return this;
    }

    /** A read-only register. */
    RegisterTable constant(int offset, int value) {
        return plain(offset, value, 0);
    }

    /** A status register whose {@code flags} are cleared by writing 1. */
    RegisterTable writeOneToClear(int offset, int flags) {
        specs.put(offset, new Spec(0, flags, true));
        values.put(offset, 0);
        return this;
    }

    boolean holds(int offset) {
        return specs.containsKey(offset);
    }

    int read(int offset) {
        return values.getOrDefault(offset, 0);
    }

    void write(int offset, int value) {
        Spec spec = specs.get(offset);
        if (spec == null) {
            return;
        }
        int old = values.get(offset);
        values.put(offset, spec.writeOneToClear()
                ? old & ~(value & spec.writable())
                : (old & ~spec.writable()) | (value & spec.writable()));
    }

    /** Sets {@code bits} whatever the write rule: how hardware raises status flags. */
    void raise(int offset, int bits) {
        values.computeIfPresent(offset, (key, old) -> old | bits);
    }

    /** Stores {@code value} as hardware does, bypassing the write rule. */
    void load(int offset, int value) {
        values.computeIfPresent(offset, (key, old) -> value);
    }

    /** Every register back to its reset value. */
    void reset() {
        specs.forEach((offset, spec) -> values.put(offset, spec.reset()));
    }
}
