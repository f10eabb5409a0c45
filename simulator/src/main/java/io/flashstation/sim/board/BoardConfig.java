package io.flashstation.sim.board;

import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.target.UniqueId;
import io.flashstation.sim.time.TimingProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * How to build a virtual board: the part, its 96-bit UID, flash timing, the RDP byte its option bytes start with,
 * and an optional state directory it is saved to and reloaded from.
 *
 * @param chip     which part the board carries
 * @param uid      the 12 UID bytes in memory order
 * @param timing   flash operation durations
 * @param rdpByte  the RDP option byte of a fresh board (0xAA level 0, 0xCC level 2, anything else level 1)
 * @param stateDir where the board persists, or null for a board that lives only in this process
 */
public record BoardConfig(ChipVariant chip, byte[] uid, TimingProfile timing, int rdpByte, Path stateDir) {

    /** RDP level 0: everything open. */
    public static final int RDP_LEVEL_0 = 0xAA;

    private static final byte[] LOT = "FSTLAB7".getBytes(StandardCharsets.US_ASCII);

    public BoardConfig {
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(timing, "timing");
        uid = uid.clone();
        UniqueId.requireLength(uid);
        if (rdpByte < 0 || rdpByte > 0xFF) {
            throw new IllegalArgumentException("the RDP option is one byte: " + rdpByte);
        }
    }

    /**
     * The {@code index}-th board of a lab: an STM32F411CE at RDP level 0 with typical timing, whose UID is unique
     * per index (up to 250 000 boards) and laid out as ST's are (§4): X/Y wafer coordinates in BCD, wafer number,
     * seven ASCII lot characters.
     */
    public static BoardConfig labBoard(int index) {
        if (index < 0 || index >= 250_000) {
            throw new IllegalArgumentException("board index out of range: " + index);
        }
        byte[] uid = new byte[UniqueId.BYTES];
        int x = index % 100;
        int y = (index / 100) % 100;
        uid[0] = (byte) bcd(y);
        uid[2] = (byte) bcd(x);
        uid[4] = (byte) (1 + index / 10_000); // wafers 1..25
        System.arraycopy(LOT, 0, uid, 5, LOT.length);
        return new BoardConfig(ChipVariant.STM32F411CE, uid, TimingProfile.TYPICAL, RDP_LEVEL_0, null);
    }

    public BoardConfig withChip(ChipVariant newChip) {
        return new BoardConfig(newChip, uid, timing, rdpByte, stateDir);
    }

    public BoardConfig withTiming(TimingProfile newTiming) {
        return new BoardConfig(chip, uid, newTiming, rdpByte, stateDir);
    }

    public BoardConfig withRdpByte(int newRdpByte) {
        return new BoardConfig(chip, uid, timing, newRdpByte, stateDir);
    }

    public BoardConfig withStateDir(Path newStateDir) {
        return new BoardConfig(chip, uid, timing, rdpByte, newStateDir);
    }

    @Override
    public byte[] uid() {
        return uid.clone();
    }

    /** The state directory, when the board persists. */
    public Optional<Path> stateDirectory() {
        return Optional.ofNullable(stateDir);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BoardConfig that && chip == that.chip && Arrays.equals(uid, that.uid)
                && timing == that.timing && rdpByte == that.rdpByte && Objects.equals(stateDir, that.stateDir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chip, Arrays.hashCode(uid), timing, rdpByte, stateDir);
    }

    @Override
    public String toString() {
        return "BoardConfig[" + chip.id() + " uid=" + UniqueId.toHex(uid) + " " + timing + " rdp=0x"
                + Integer.toHexString(rdpByte) + (stateDir == null ? "" : " state=" + stateDir) + "]";
    }

    private static int bcd(int value) {
        return ((value / 10) << 4) | (value % 10);
    }
}
