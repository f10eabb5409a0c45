package io.flashstation.sim.cmsisdap;

import java.util.HexFormat;

/** Packets written the way cmsis-dap.md writes them: hex bytes separated by spaces. */
final class Hex {

    private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    static byte[] bytes(String spaced) {
        return FORMAT.parseHex(spaced.trim().replaceAll("\\s+", " "));
    }

    static String of(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }
}
