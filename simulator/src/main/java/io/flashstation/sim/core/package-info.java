/**
 * The Cortex-M4 as a debugger sees it: the private peripheral bus components (SCS with the debug control block,
 * FPB, DWT, ITM, ROM table and the CoreSight IDs of TPIU and ETM) and the core's register file and run state,
 * and the executing core ({@link io.flashstation.sim.core.CoreExecution}) that runs Thumb-2 code on them in
 * virtual time.
 */
package io.flashstation.sim.core;
