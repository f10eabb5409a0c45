package io.flashstation.probe;

/** Work a probe has done: USB round trips (host transfers that wait for an answer) and SWD transfers. */
public record ProbeCounters(long usbRoundTrips, long swdTransfers) {
}
