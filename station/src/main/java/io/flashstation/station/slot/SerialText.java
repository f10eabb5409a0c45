package io.flashstation.station.slot;

/** Probe serials as text people and configuration files can use: clones often report binary garbage. */
public final class SerialText {

    private SerialText() {
    }

    /** Printable ASCII without spaces, at most 64 characters. */
    public static boolean printable(String serial) {
        return serial != null && !serial.isBlank() && serial.length() <= 64
                && serial.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    /** {@code serial} when printable, else {@code fallback}. */
    public static String printableOr(String serial, String fallback) {
        return printable(serial) ? serial : fallback;
    }
}
