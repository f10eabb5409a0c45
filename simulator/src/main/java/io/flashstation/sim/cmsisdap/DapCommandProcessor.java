package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.time.VirtualClock;

/**
 * The probe firmware's command interpreter: one command packet in, one answer out (cmsis-dap.md §1-§8), SWD only.
 * Each answer echoes the command ID; an unknown command answers the single byte 0xFF and counts as one byte, which
 * is how the firmware walks through the sub-commands of DAP_ExecuteCommands. JTAG commands answer DAP_ERROR as an
 * SWD-only build of the reference firmware does, and DAP_Connect(JTAG) answers port 0.
 */
final class DapCommandProcessor {

    private final ProbeIdentity identity;
    private final VirtualClock probeClock;
    private final ProbeSettings settings;
    private final SwdLine line;
    private final SwjPins pins;
    private final DapTransfers transfers;
    private final DapTransferBlock blockTransfers;
    private boolean swdConnected;
    private ProbeLeds leds = new ProbeLeds(false, false);

    DapCommandProcessor(ProbeIdentity identity, VirtualClock probeClock, ProbeSettings settings, SwdLine line,
            TransferAbortSignal abort) {
        this.identity = identity;
        this.probeClock = probeClock;
        this.settings = settings;
        this.line = line;
        this.pins = new SwjPins(line);
        RetryingSwd swd = new RetryingSwd(line, settings, abort);
        this.transfers = new DapTransfers(swd, settings);
        this.blockTransfers = new DapTransferBlock(swd);
    }

    /** Runs one command packet (a DAP_ExecuteCommands packet runs all its commands) and returns the answer. */
    byte[] execute(byte[] packet) {
        DapRequest in = new DapRequest(packet);
        DapResponse out = new DapResponse();
        if (packet.length > 0 && (packet[0] & 0xFF) == DapProtocol.EXECUTE_COMMANDS) {
            in.u8();
            int count = in.u8();
            out.u8(DapProtocol.EXECUTE_COMMANDS).u8(count);
            for (int i = 0; i < count; i++) {
                process(in, out);
            }
        } else {
            process(in, out);
        }
        return out.toBytes();
    }

    ProbeLeds leds() {
        return leds;
    }

    private void process(DapRequest in, DapResponse out) {
        int id = in.u8();
        switch (id) {
            case DapProtocol.INFO -> DapInfo.answer(in.u8(), identity, out.u8(id));
            case DapProtocol.HOST_STATUS -> out.u8(id).u8(hostStatus(in.u8(), in.u8()));
            case DapProtocol.CONNECT -> out.u8(id).u8(connect(in.u8()));
            case DapProtocol.DISCONNECT -> out.u8(id).u8(disconnect());
            case DapProtocol.TRANSFER_CONFIGURE -> {
                settings.configureTransfers(in.u8(), in.u16(), in.u16());
                out.u8(id).u8(DapProtocol.OK);
            }
            case DapProtocol.TRANSFER -> {
                out.u8(id);
                if (swdConnected) {
                    transfers.transfer(in, out);
                } else {
                    DapTransfers.transferNotConnected(in, out);
                }
            }
            case DapProtocol.TRANSFER_BLOCK -> blockTransfers.transferBlock(in, out.u8(id), swdConnected);
            case DapProtocol.WRITE_ABORT -> {
                out.u8(id);
                if (swdConnected) {
                    transfers.writeAbort(in, out);
                } else {
                    in.skip(5);
                    out.u8(DapProtocol.ERROR);
                }
            }
            case DapProtocol.DELAY -> {
                probeClock.advance(in.u16() * 1_000L);
                out.u8(id).u8(DapProtocol.OK);
            }
            // Execute 0: the probe knows no device-specific reset sequence (§3.7).
            case DapProtocol.RESET_TARGET -> out.u8(id).u8(DapProtocol.OK).u8(0);
            case DapProtocol.SWJ_PINS -> {
                int levels = pins.drive(in.u8(), in.u8());
                in.u32(); // PinWait: the pins already read what was driven (see SwjPins)
                out.u8(id).u8(levels);
            }
            case DapProtocol.SWJ_CLOCK -> out.u8(id).u8(swjClock(in.u32() & 0xFFFFFFFFL));
            case DapProtocol.SWJ_SEQUENCE -> {
                int bits = in.u8();
                int bitCount = bits == 0 ? 256 : bits;
                line.sequence(bitCount, in.take((bitCount + 7) / 8));
                out.u8(id).u8(DapProtocol.OK);
            }
            case DapProtocol.SWD_CONFIGURE -> {
                settings.configureSwd(in.u8());
                out.u8(id).u8(DapProtocol.OK);
            }
            case DapProtocol.SWD_SEQUENCE -> swdSequences(in, out.u8(id).u8(DapProtocol.OK));
            case DapProtocol.JTAG_SEQUENCE -> {
                skipJtagSequences(in);
                out.u8(id).u8(DapProtocol.ERROR);
            }
            case DapProtocol.JTAG_CONFIGURE -> {
                in.skip(in.u8());
                out.u8(id).u8(DapProtocol.ERROR);
            }
            case DapProtocol.JTAG_IDCODE -> {
                in.u8();
                out.u8(id).u8(DapProtocol.ERROR);
            }
            default -> out.u8(DapProtocol.INVALID);
        }
    }

    private int hostStatus(int type, int status) {
        boolean on = (status & 1) != 0;
        switch (type) {
            case 0 -> leds = new ProbeLeds(on, leds.running());
            case 1 -> leds = new ProbeLeds(leds.connected(), on);
            default -> {
                return DapProtocol.ERROR;
            }
        }
        return DapProtocol.OK;
    }

    /** Port 0 means the default port, SWD; anything but SWD fails with port 0 and leaves the port as it was. */
    private int connect(int port) {
        if (port != DapProtocol.PORT_DEFAULT && port != DapProtocol.PORT_SWD) {
            return DapProtocol.PORT_DISABLED;
        }
        swdConnected = true;
        line.drive(true);
        pins.portSetUp();
        return DapProtocol.PORT_SWD;
    }

    private int disconnect() {
        swdConnected = false;
        line.drive(false);
        pins.portOff();
        return DapProtocol.OK;
    }

    private int swjClock(long hz) {
        if (hz == 0) {
            return DapProtocol.ERROR;
        }
        settings.requestClock(hz);
        return DapProtocol.OK;
    }

    /**
     * DAP_SWD_Sequence (§5.2): per sequence an Info byte (bits 5:0 clock count, 0 = 64; bit 7 input) followed by
     * the SWDIO bits of an output sequence; the bits sampled during input sequences are returned in order.
     */
    private void swdSequences(DapRequest in, DapResponse out) {
        int sequences = in.u8();
        for (int i = 0; i < sequences; i++) {
            int info = in.u8();
            int clocks = (info & 0x3F) == 0 ? 64 : info & 0x3F;
            boolean input = (info & 0x80) != 0;
            byte[] driven = input ? new byte[(clocks + 7) / 8] : in.take((clocks + 7) / 8);
            byte[] sampled = line.swdSequence(clocks, input, driven);
            if (input) {
                out.bytes(sampled);
            }
        }
    }

    /** An SWD-only firmware still parses DAP_JTAG_Sequence to its end (Info bits 5:0 = TCK count, 0 = 64). */
    private static void skipJtagSequences(DapRequest in) {
        int sequences = in.u8();
        for (int i = 0; i < sequences; i++) {
            int tck = in.u8() & 0x3F;
            in.skip(((tck == 0 ? 64 : tck) + 7) / 8);
        }
    }
}
