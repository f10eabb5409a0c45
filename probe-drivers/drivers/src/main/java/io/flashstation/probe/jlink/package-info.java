/**
 * The SEGGER J-Link driver (jlink.md): finds J-Links by VID/PID and their vendor bulk interface, talks the J-Link
 * command set over it, and runs DP/AP transfers as raw SWD bit sequences through the SWD I/O command 0xCF,
 * many transfers per call.
 */
package io.flashstation.probe.jlink;
