package io.flashstation.firmware.image;

import java.util.Locale;

/** The file formats a firmware image can come in; the extension is also the download file's suffix. */
public enum ImageFormat {
    /** Raw bytes as {@code objcopy -O binary} writes them; the load address comes from the pin. */
    BIN("bin"),
    /** Intel HEX text records. */
    HEX("hex"),
    /** USB Flashing Format: 512-byte blocks with their own target addresses. */
    UF2("uf2");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** Parses the name used in pin files and on the command line ({@code bin}, {@code hex}, {@code uf2}). */
    public static ImageFormat parse(String text) {
        for (ImageFormat format : values()) {
            if (format.extension.equalsIgnoreCase(text.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown image format '" + text + "' (expected bin, hex or uf2)");
    }

    @Override
    public String toString() {
        return extension.toLowerCase(Locale.ROOT);
    }
}
