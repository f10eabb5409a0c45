/**
 * Virtual CMSIS-DAP probes, device side: the firmware ({@link io.flashstation.sim.cmsisdap.CmsisDapProbe}) and its
 * v1 HID and v2 bulk USB personalities, written from reference/cmsis-dap.md and modelled on the Arm reference
 * firmware's behaviour.
 */
package io.flashstation.sim.cmsisdap;
