package io.flashstation.sim.core;

/** One 4 KiB block of the Cortex-M4 private peripheral bus, accessed a word at a time by offset. */
interface PpbComponent {

    int read(int offset);

    void write(int offset, int value);
}
