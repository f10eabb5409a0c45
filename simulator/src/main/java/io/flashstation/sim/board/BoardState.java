package io.flashstation.sim.board;

import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.target.UniqueId;

import java.util.Arrays;
import java.util.Objects;

/**
 * Everything of a virtual board that outlives its process: which part it is, its UID, the main flash and option
 * bytes, and its counters. The arrays are copied in and out, so a state never changes after it is made.
 */
public record BoardState(ChipVariant chip, byte[] uid, byte[] flash, byte[] optionBytes, BoardCounters counters) {

    public static final int OPTION_BYTES = 16;

    public BoardState {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(counters, "counters");
        uid = uid.clone();
        flash = flash.clone();
        optionBytes = optionBytes.clone();
        UniqueId.requireLength(uid);
        if (flash.length != chip.flashBytes()) {
            throw new IllegalArgumentException(chip.id() + " has " + chip.flashBytes() + " bytes of flash, got "
                    + flash.length);
        }
        if (optionBytes.length != OPTION_BYTES) {
            throw new IllegalArgumentException("option bytes are " + OPTION_BYTES + " bytes, got " + optionBytes.length);
        }
    }

    @Override
    public byte[] uid() {
        return uid.clone();
    }

    @Override
    public byte[] flash() {
        return flash.clone();
    }

    @Override
    public byte[] optionBytes() {
        return optionBytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoardState that
                && chip == that.chip
                && Arrays.equals(uid, that.uid)
                && Arrays.equals(flash, that.flash)
                && Arrays.equals(optionBytes, that.optionBytes)
                && counters.equals(that.counters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chip, Arrays.hashCode(uid), Arrays.hashCode(flash), Arrays.hashCode(optionBytes), counters);
    }

    @Override
    public String toString() {
        return "BoardState[" + chip.id() + " uid=" + UniqueId.toHex(uid) + " " + counters + "]";
    }
}
