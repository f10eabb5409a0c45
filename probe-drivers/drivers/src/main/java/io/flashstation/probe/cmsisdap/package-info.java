/**
 * The CMSIS-DAP driver (v1 HID and v2 bulk probes), written from cmsis-dap.md: recognition as the big hosts do it,
 * DAP_Info identification, and DP/AP transfers packed into DAP_Transfer / DAP_TransferBlock commands that fill
 * each packet and keep up to the probe's packet count in flight.
 */
package io.flashstation.probe.cmsisdap;
