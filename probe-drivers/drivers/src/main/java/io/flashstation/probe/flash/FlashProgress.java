package io.flashstation.probe.flash;

/** How far a session has got: the phase, and bytes done of the phase's total (0 of 0 for short phases). */
public record FlashProgress(FlashPhase phase, long bytesDone, long bytesTotal) {
}
