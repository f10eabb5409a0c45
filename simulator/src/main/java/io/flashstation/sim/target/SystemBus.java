package io.flashstation.sim.target;

/**
 * The system bus as the core masters it: besides the debugger's view ({@link AhbBus}, issued at the board's
 * present), accesses issued at the core's own instant, which may trail the board's clock while the core catches
 * up, and the clock the core runs on (HCLK).
 */
public interface SystemBus extends AhbBus {

    /** Reads as the core does at virtual instant {@code atNanos}; flash reads include FLASH_ACR wait states. */
    BusResponse readAt(int address, AccessSize size, long atNanos);

    BusResponse writeAt(int address, AccessSize size, int value, long atNanos);

    /** The core clock (HCLK) in Hz as the RCC has it configured now. */
    long coreClockHz();

    /** A bus with no timing of its own (test benches): timed accesses go to {@code bus}, the core runs at {@code hz}. */
    static SystemBus untimed(AhbBus bus, long hz) {
        return new SystemBus() {
            @Override
            public BusResponse read(int address, AccessSize size) {
                return bus.read(address, size);
            }

            @Override
            public BusResponse write(int address, AccessSize size, int value) {
                return bus.write(address, size, value);
            }

            @Override
            public BusResponse readAt(int address, AccessSize size, long atNanos) {
                BusResponse response = bus.read(address, size);
                return new BusResponse(response.ok(), response.data(), atNanos);
            }

            @Override
            public BusResponse writeAt(int address, AccessSize size, int value, long atNanos) {
                BusResponse response = bus.write(address, size, value);
                return new BusResponse(response.ok(), response.data(), atNanos);
            }

            @Override
            public long coreClockHz() {
                return hz;
            }
        };
    }
}
