/**
 * The ARMv7-M Thumb/Thumb-2 integer instruction set (ARMv7-M Architecture Reference Manual, DDI 0403, chapter A5
 * and A7): decoding, the pseudocode's arithmetic and shift helpers, and execution against a register file and a
 * data port. What executing means for time, faults and debug halts is decided by the core that drives it
 * ({@code io.flashstation.sim.core.CoreExecution}).
 */
package io.flashstation.sim.cpu;
