package io.flashstation.station.image;

import io.flashstation.probe.flash.FlashImage;

/**
 * The image every slot flashes, with what a result row records about it.
 *
 * @param flash       what the session writes (and erases only), after the CIRCUITPY policy
 * @param version     the firmware version as pinned (or the demo image's name)
 * @param sha256      the digest of the file the image came from
 * @param description one line for logs and the operator: where the image came from
 * @param preserves   whether sectors must be left alone, which rules out a mass erase
 */
public record StationImage(FlashImage flash, String version, String sha256, String description, boolean preserves) {
}
