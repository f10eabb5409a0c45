package io.flashstation.probe.target;

import io.flashstation.probe.target.FlashOperationException.Kind;
import java.util.List;

/** The checks made before anything is erased: the image fits the chip, and protection lets us write it. */
public final class FlashChecks {

    private FlashChecks() {
    }

    /** Fails with IMAGE_TOO_LARGE, naming the chip and both sizes, when a segment lies outside main flash. */
    public static void requireFits(ChipIdentity chip, SectorLayout layout, List<ImageSegment> segments)
            throws FlashOperationException {
        long imageEnd = segments.stream().mapToLong(ImageSegment::end).max().orElse(SectorLayout.FLASH_BASE);
        for (ImageSegment segment : segments) {
            if (!layout.contains(segment.address(), segment.length())) {
                throw new FlashOperationException(Kind.IMAGE_TOO_LARGE, segment.address(), String.format(
                        "the image needs %d bytes up to 0x%08X but the %s has %d bytes of flash (0x%08X–0x%08X)",
                        imageEnd - SectorLayout.FLASH_BASE, imageEnd, chip.partName(), layout.flashBytes(),
                        SectorLayout.FLASH_BASE, layout.flashEnd()));
            }
        }
    }

    /**
     * Fails with READ_PROTECTED at RDP level 2, and at level 1 unless {@code mayRegressRdp}; fails with
     * WRITE_PROTECTED naming the first protected sector among {@code needed} (stm32f411-target.md §7).
     */
    public static void requireWritable(ChipIdentity chip, OptionBytesState options, List<Sector> needed,
            boolean mayRegressRdp) throws FlashOperationException {
        if (options.rdpLevel() == 2) {
            throw new FlashOperationException(Kind.READ_PROTECTED, String.format(
                    "the %s is at read-protection level 2 (RDP 0xCC): permanently locked", chip.partName()));
        }
        if (options.rdpLevel() == 1 && !mayRegressRdp) {
            throw new FlashOperationException(Kind.READ_PROTECTED, String.format(
                    "the %s is at read-protection level 1 (RDP 0x%02X); removing it erases the whole flash, "
                            + "which the policy does not allow", chip.partName(), options.rdpByte()));
        }
        for (Sector sector : needed) {
            if (options.writeProtected(sector.index())) {
                throw new FlashOperationException(Kind.WRITE_PROTECTED, sector.address(), String.format(
                        "sector %d (0x%08X, %d KiB) of the %s is write-protected (nWRP 0x%03X)", sector.index(),
                        sector.address(), sector.size() / 1024, chip.partName(), options.nwrp()));
            }
        }
    }
}
