package io.flashstation.probe;

/**
 * A queue of DP and AP register transfers that a probe runs together. Addresses are full register addresses:
 * DP 0x0/0x4/0x8/0xC; AP 0x00–0xFC (the driver writes SELECT when the AP or its bank changes). Reads return a
 * {@link DapValue} that is filled in when {@link #run()} returns. AP reads are plain reads to the caller: posted
 * reads and RDBUFF are the driver's business.
 */
public interface DapBatch {

    DapValue readDp(int address);

    void writeDp(int address, int value);

    DapValue readAp(int apsel, int address);

    void writeAp(int apsel, int address, int value);

    /** {@code count} consecutive reads of one AP register (DRW with auto-increment) into {@code into[offset…]}. */
    void readApRepeated(int apsel, int address, int[] into, int offset, int count);

    /** {@code count} consecutive writes of one AP register (DRW with auto-increment) from {@code from[offset…]}. */
    void writeApRepeated(int apsel, int address, int[] from, int offset, int count);

    /** Number of transfers queued and not yet run. */
    int size();

    /**
     * Runs everything queued, in order, and empties the batch. Stops at the first transfer that fails and throws
     * {@link SwdTransferException} saying which one and why; transfers before it took effect.
     */
    void run() throws ProbeException;
}
