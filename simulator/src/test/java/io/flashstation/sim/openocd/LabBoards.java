package io.flashstation.sim.openocd;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.time.TimingProfile;

/** Virtual boards for the OpenOCD acceptance tests. */
final class LabBoards {

    /** Option byte RDP value of an unprotected chip (level 0). */
    static final int RDP_LEVEL_0 = BoardConfig.RDP_LEVEL_0;
    /** Any RDP value other than 0xAA and 0xCC means level 1. */
    static final int RDP_LEVEL_1 = 0x55;

    private LabBoards() {
    }

    static VirtualBoard board(ChipVariant chip, byte[] uid, int rdpByte) {
        return VirtualBoard.open(new BoardConfig(chip, uid, TimingProfile.TYPICAL, rdpByte, null));
    }

    /** A 12-byte unique ID that differs per {@code seed}. */
    static byte[] uid(int seed) {
        byte[] uid = new byte[12];
        for (int i = 0; i < uid.length; i++) {
            uid[i] = (byte) (seed * 31 + i * 17 + 0x20);
        }
        return uid;
    }
}
