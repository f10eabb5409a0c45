package io.flashstation.probe.flash;

/** The verdict of one attempt; PASS only ever follows a successful verification. */
public enum FlashOutcome {
    PASS, FAIL
}
