package io.flashstation.firmware.image;

import io.flashstation.firmware.image.ImageProblem.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The checks made on an image before any board is touched: it lies inside the target's flash and begins with a
 * vector table a Cortex-M can boot from (initial SP in SRAM, reset vector in flash with the Thumb bit set).
 * Overlapping segments never get this far: the readers refuse them.
 */
public final class ImageCheck {

    private ImageCheck() {
    }

    /** Every problem found, in a stable order; empty when the image may be flashed. */
    public static List<ImageProblem> problems(FirmwareImage image, TargetMemory target) {
        List<ImageProblem> problems = new ArrayList<>();
        checkInsideFlash(image, target, problems);
        checkVectorTable(image, target, problems);
        return problems;
    }

    /** Throws with every problem found unless the image may be flashed on {@code target}. */
    public static void requireFlashable(FirmwareImage image, TargetMemory target) throws ImageRejectedException {
        List<ImageProblem> problems = problems(image, target);
        if (!problems.isEmpty()) {
            throw new ImageRejectedException(target.name(), problems);
        }
    }

    private static void checkInsideFlash(FirmwareImage image, TargetMemory target, List<ImageProblem> problems) {
        AddressRange flash = target.flash();
        for (Segment segment : image.segments()) {
            if (!flash.encloses(segment.address(), segment.end())) {
                problems.add(new ImageProblem(Kind.OUTSIDE_FLASH, segment + " (" + segment.length()
                        + " bytes) lies outside " + target.name() + " flash " + flash + " (" + flash.length() / 1024
                        + " KiB)"));
            }
        }
    }

    private static void checkVectorTable(FirmwareImage image, TargetMemory target, List<ImageProblem> problems) {
        long flashStart = target.flash().start();
        OptionalLong stackPointer = image.fullWordAt(flashStart);
        OptionalLong resetVector = image.fullWordAt(flashStart + 4);
        if (stackPointer.isEmpty() || resetVector.isEmpty()) {
            problems.add(new ImageProblem(Kind.NO_VECTOR_TABLE, "the image does not write the vector table at "
                    + Hex.address(flashStart) + " (it starts at " + Hex.address(image.startAddress())
                    + "): the core would boot from whatever is there"));
            return;
        }
        long sp = stackPointer.getAsLong();
        AddressRange sram = target.sram();
        // The stack grows down from SP, so SP may equal the first address past SRAM but not the first one in it.
        if (sp <= sram.start() || sp > sram.end() || (sp & 3) != 0) {
            problems.add(new ImageProblem(Kind.STACK_POINTER_NOT_IN_SRAM, "initial stack pointer " + Hex.address(sp)
                    + " is not a word-aligned address in " + target.name() + " SRAM " + sram));
        }
        long reset = resetVector.getAsLong();
        long handler = reset & ~1L;
        if ((reset & 1) == 0) {
            problems.add(new ImageProblem(Kind.RESET_VECTOR_NOT_THUMB, "reset vector " + Hex.address(reset)
                    + " has the Thumb bit (bit 0) clear: a Cortex-M faults on the first instruction"));
        }
        if (!target.flash().contains(handler)) {
            problems.add(new ImageProblem(Kind.RESET_VECTOR_NOT_IN_FLASH, "reset vector " + Hex.address(reset)
                    + " points outside " + target.name() + " flash " + target.flash()));
        } else if (image.byteAt(handler) < 0) {
            problems.add(new ImageProblem(Kind.RESET_VECTOR_NOT_IN_IMAGE, "reset vector " + Hex.address(reset)
                    + " points at flash the image does not write"));
        }
    }
}
