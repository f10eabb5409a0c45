package io.flashstation.probe.flash;

/** The verdict of one attempt; PASS follows a successful verification unless the policy turned verification off. */
public enum FlashOutcome {
    PASS, FAIL
}
