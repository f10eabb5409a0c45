package io.flashstation.station.slot;

import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.station.image.StationImage;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How a slot works.
 *
 * @param policy       what a flash session may do
 * @param image        the image to flash, read at the start of every board (the pinned firmware can change)
 * @param pollInterval how often an idle slot looks into its fixture
 * @param wireRetries  how many times a board is retried at a halved SWD clock after a wire error or timeout
 * @param openocd      OpenOCD, when it is installed and may be used
 */
public record SlotSettings(FlashPolicy policy, Supplier<StationImage> image, Duration pollInterval,
        int wireRetries, Optional<OpenOcdBackend> openocd) {
}
