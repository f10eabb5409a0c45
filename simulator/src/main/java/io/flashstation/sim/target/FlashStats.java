package io.flashstation.sim.target;

/**
 * Completed flash operations of one board: what a run cost the part in wear and work.
 *
 * @param sectorsErased   sector erases that ran to the end (a failing-erase fault still counts: the chip reported success)
 * @param massErases      mass erases that ran to the end, including the one an RDP 1→0 regression performs
 * @param bytesProgrammed bytes written by completed program operations (main flash and OTP)
 */
public record FlashStats(long sectorsErased, long massErases, long bytesProgrammed) {

    public static final FlashStats NONE = new FlashStats(0, 0, 0);

    FlashStats plusSectorErase() {
        return new FlashStats(sectorsErased + 1, massErases, bytesProgrammed);
    }

    FlashStats plusMassErase() {
        return new FlashStats(sectorsErased, massErases + 1, bytesProgrammed);
    }

    FlashStats plusProgrammed(int bytes) {
        return new FlashStats(sectorsErased, massErases, bytesProgrammed + bytes);
    }
}
