package io.flashstation.firmware.image;

import io.flashstation.firmware.digest.Sha256;

import java.util.List;

/** Reads a raw {@code .bin}: the whole file is one segment at the base address the pin gives. */
public final class RawBinaryReader {

    private RawBinaryReader() {
    }

    /** The image of {@code file} written from {@code baseAddress} on. */
    public static FirmwareImage read(byte[] file, long baseAddress) throws ImageFormatException {
        if (file.length == 0) {
            throw new ImageFormatException("the .bin file is empty");
        }
        if (baseAddress + file.length > 0x1_0000_0000L) {
            throw new ImageFormatException("a .bin of " + file.length + " bytes at " + Hex.address(baseAddress)
                    + " runs past the end of the 32-bit address space");
        }
        return new FirmwareImage(ImageFormat.BIN, Sha256.of(file), List.of(new Segment(baseAddress, file)));
    }
}
