package io.flashstation.sim.core;

/**
 * A component whose only modelled registers are its IDs (TPIU, ETM): a debugger can discover it; its
 * configuration registers read as zero and ignore writes because no trace is produced.
 */
final class IdentifiedComponent implements PpbComponent {

    private final CoreSightId id;

    IdentifiedComponent(CoreSightId id) {
        this.id = id;
    }

    @Override
    public int read(int offset) {
        return CoreSightId.covers(offset) ? id.read(offset) : 0;
    }

    @Override
    public void write(int offset, int value) {
        // trace configuration has no effect without a trace port
    }
}
