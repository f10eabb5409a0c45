package io.flashstation.probe;

/** What a slot shows on its probe's LEDs. */
public enum ProbeIndication {
    IDLE, CONNECTED, BUSY, PASS, FAIL
}
