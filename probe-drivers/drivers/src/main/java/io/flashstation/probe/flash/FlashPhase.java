package io.flashstation.probe.flash;

/** The steps of a flash session, in order; results report a duration for each step that ran. */
public enum FlashPhase {
    CONNECT, IDENTIFY, CHECK, ERASE, PROGRAM, VERIFY, RESET
}
