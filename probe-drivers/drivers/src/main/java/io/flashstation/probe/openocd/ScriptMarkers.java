package io.flashstation.probe.openocd;

import java.util.regex.Pattern;

/**
 * The lines the flash script echoes so that the backend can follow OpenOCD: written by {@link FlashScript}, read by
 * {@link OpenOcdOutput}, and spelled only here. Every marker starts with {@link #PREFIX}, which no OpenOCD message
 * does.
 */
final class ScriptMarkers {

    static final String PREFIX = "flash-station:";

    /** "begin PHASE MS": a phase starts; MS is OpenOCD's millisecond counter ({@code ms}). */
    static final String BEGIN = "begin";
    /** "end PHASE MS": the phase succeeded. */
    static final String END = "end";
    /** "failed PHASE MS": the phase's commands raised an error; OpenOCD prints it and exits. */
    static final String FAILED = "failed";
    /** "chip idcode 0xIDCODE flash-kib 0xKIB uid 0xW0 0xW1 0xW2", as {@code read_memory} prints values. */
    static final String CHIP = "chip";
    /** "options optcr 0xOPTCR": the option control register as the check found it. */
    static final String OPTIONS = "options";
    /** "refused REASON": the script's own check stopped the run before anything was written. */
    static final String REFUSED = "refused";
    /** "unlocking": the policy allows leaving read-protection level 1, and the script does so (a mass erase). */
    static final String UNLOCKING = "unlocking";
    /** "clock adapter speed: N kHz": the SWD clock the adapter settled on. */
    static final String CLOCK = "clock";

    static final Pattern PHASE_LINE = Pattern.compile(Pattern.quote(PREFIX) + " (" + BEGIN + "|" + END + "|" + FAILED
            + ") ([A-Z]+) (-?\\d+)");
    static final Pattern CHIP_LINE = Pattern.compile(Pattern.quote(PREFIX) + " " + CHIP
            + " idcode (0x\\p{XDigit}+) flash-kib (0x\\p{XDigit}+) uid (0x\\p{XDigit}+) (0x\\p{XDigit}+)"
            + " (0x\\p{XDigit}+)");
    static final Pattern OPTIONS_LINE = Pattern.compile(Pattern.quote(PREFIX) + " " + OPTIONS
            + " optcr (0x\\p{XDigit}+)");
    static final Pattern REFUSED_LINE = Pattern.compile(Pattern.quote(PREFIX) + " " + REFUSED + " ([A-Z_]+)");
    static final Pattern CLOCK_LINE = Pattern.compile(Pattern.quote(PREFIX) + " " + CLOCK + " .*?(\\d+) kHz");
    static final String UNLOCKING_LINE = PREFIX + " " + UNLOCKING;

    private ScriptMarkers() {
    }
}
