package io.flashstation.probe.jlink;

/**
 * The serial number a J-Link enumerates with (jlink.md §1.4): the iSerialNumber string, of which libjaylink keeps
 * the last 10 characters and reads them as a decimal u32, the number J-Link tools and OpenOCD's
 * {@code adapter serial} use. Strings that do not parse are kept as they are; an absent one is empty.
 */
final class JlinkSerial {

    private static final int KEPT_DIGITS = 10;

    private JlinkSerial() {
    }

    static String fromDescriptor(String descriptor) {
        if (descriptor == null) {
            return "";
        }
        String tail = descriptor.length() > KEPT_DIGITS ? descriptor.substring(descriptor.length() - KEPT_DIGITS)
                : descriptor;
        if (tail.isEmpty() || !tail.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return descriptor;
        }
        long number = Long.parseLong(tail);
        return number > 0xFFFF_FFFFL ? descriptor : Long.toString(number);
    }
}
