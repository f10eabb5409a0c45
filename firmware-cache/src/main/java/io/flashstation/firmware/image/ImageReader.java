package io.flashstation.firmware.image;

/** Turns a firmware file of any supported format into a {@link FirmwareImage}. */
public final class ImageReader {

    /** Where a raw binary goes when the pin does not say: the start of STM32F4 main flash. */
    public static final long DEFAULT_BIN_BASE_ADDRESS = 0x0800_0000L;

    private ImageReader() {
    }

    /** Reads {@code file} as {@code format}; {@code binBaseAddress} is used only for raw binaries. */
    public static FirmwareImage read(ImageFormat format, byte[] file, long binBaseAddress) throws ImageFormatException {
        return switch (format) {
            case BIN -> RawBinaryReader.read(file, binBaseAddress);
            case HEX -> IntelHexReader.read(file);
            case UF2 -> Uf2Reader.read(file);
        };
    }
}
