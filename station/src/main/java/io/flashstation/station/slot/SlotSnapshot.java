package io.flashstation.station.slot;

import java.util.Optional;

/**
 * What a slot shows at one moment: the API, the operator page and the metrics read only this.
 *
 * @param name        the slot's name (configured, else the probe serial, else the USB port path)
 * @param probeKind   the probe class id
 * @param probeSerial the probe's serial as printable text
 * @param portPath    the USB port the probe is on
 * @param state       where the slot is in its cycle
 * @param phase       the phase of the flash in progress, lower case
 * @param bytesDone   progress of that phase
 * @param bytesTotal  size of that phase (0 for short phases)
 * @param lastVerdict the last recorded result
 * @param passed      boards passed on this slot since it appeared
 * @param failed      boards failed on this slot since it appeared
 */
public record SlotSnapshot(String name, String probeKind, String probeSerial, String portPath, SlotState state,
        Optional<String> phase, long bytesDone, long bytesTotal, Optional<Verdict> lastVerdict, long passed,
        long failed) {
}
