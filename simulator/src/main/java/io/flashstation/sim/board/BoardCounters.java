package io.flashstation.sim.board;

/**
 * What a virtual board has been through, kept across processes with its state.
 *
 * @param virtualNanos    virtual time the board's clock has run (TIMING.md §4)
 * @param swdTransfers    SWD transfers answered by its debug port
 * @param sectorsErased   completed sector erases
 * @param massErases      completed mass erases
 * @param bytesProgrammed bytes written by completed program operations
 */
public record BoardCounters(long virtualNanos, long swdTransfers, long sectorsErased, long massErases,
                            long bytesProgrammed) {

    public static final BoardCounters NONE = new BoardCounters(0, 0, 0, 0, 0);
}
