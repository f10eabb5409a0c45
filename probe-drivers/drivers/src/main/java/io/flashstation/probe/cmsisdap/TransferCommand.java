package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.ProbeException;

/** One DAP_Transfer or DAP_TransferBlock command made from a run of a batch's wire transfers. */
interface TransferCommand {

    /** The command packet. */
    byte[] request();

    /** Reads the probe's answer: delivers the values of reads that surely completed and says how it went. */
    TransferOutcome complete(byte[] answer) throws ProbeException;
}
