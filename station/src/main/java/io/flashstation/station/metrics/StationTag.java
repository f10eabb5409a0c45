package io.flashstation.station.metrics;

import io.flashstation.station.config.StationConfig;
import io.flashstation.station.config.StationSettings;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** Puts the station id on every metric, so a fleet's series can be told apart and selected. */
@Singleton
public class StationTag {

    @Produces
    @Singleton
    MeterFilter stationTag(StationConfig config) {
        return MeterFilter.commonTags(List.of(Tag.of("station", StationSettings.idOf(config))));
    }
}
