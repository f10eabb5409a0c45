package io.flashstation.firmware.image;

/** One reason an image must not be flashed onto a target, with the sentence an operator reads. */
public record ImageProblem(Kind kind, String message) {

    /** The kinds of problem the checks find, so that callers and tests can tell them apart without parsing text. */
    public enum Kind {
        /** The image does not start at the start of flash, so there is no vector table where the core looks. */
        NO_VECTOR_TABLE,
        /** The initial stack pointer (vector 0) is not inside SRAM. */
        STACK_POINTER_NOT_IN_SRAM,
        /** The reset vector lacks the Thumb bit; a Cortex-M faults on its first instruction. */
        RESET_VECTOR_NOT_THUMB,
        /** The reset vector points outside flash. */
        RESET_VECTOR_NOT_IN_FLASH,
        /** The reset vector points at flash the image leaves erased. */
        RESET_VECTOR_NOT_IN_IMAGE,
        /** Part of the image lies outside the target's flash. */
        OUTSIDE_FLASH
    }

    @Override
    public String toString() {
        return message;
    }
}
