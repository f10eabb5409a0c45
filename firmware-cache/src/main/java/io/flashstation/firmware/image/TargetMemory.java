package io.flashstation.firmware.image;

/** Where a target keeps its main flash and SRAM: what an image must fit and what its vector table must point at. */
public record TargetMemory(String name, AddressRange flash, AddressRange sram) {

    /** STM32F411xE: 512 KiB of flash at 0x08000000, 128 KiB of SRAM at 0x20000000 (stm32f411-target.md §2). */
    public static final TargetMemory STM32F411XE = new TargetMemory("STM32F411xE",
            new AddressRange(0x0800_0000L, 0x0808_0000L), new AddressRange(0x2000_0000L, 0x2002_0000L));
}
