/**
 * The Cortex-M4 as a debugger sees it: the private peripheral bus components (SCS with the debug control block,
 * FPB, DWT, ITM, ROM table and the CoreSight IDs of TPIU and ETM) and the core's register file and run state,
 * which a Thumb-2 interpreter will later execute on.
 */
package io.flashstation.sim.core;
