/**
 * The ARM layer above the probes: the ADIv5 debug port (power-up, sticky errors), the MEM-AP (CSW/TAR/DRW with
 * byte lanes and auto-increment blocks) and Cortex-M core control (halt, reset, core registers).
 */
package io.flashstation.probe.arm;
