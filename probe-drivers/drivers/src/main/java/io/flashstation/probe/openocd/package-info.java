/**
 * The OpenOCD fallback backend: flashes one board by running the {@code openocd} executable under the same contract
 * as the native {@link io.flashstation.probe.flash.FlashSession} (same phases, progress events, failure taxonomy, and
 * chip part and UID read through OpenOCD so that results are keyed the same way).
 *
 * <p>Entry points for the station: {@link io.flashstation.probe.openocd.OpenOcdFlashSession} flashes a board;
 * {@link io.flashstation.probe.openocd.OpenOcdInstallation#available} tells health checks and {@code auto} selection
 * whether OpenOCD is installed and which probe kinds it can drive.
 */
package io.flashstation.probe.openocd;
