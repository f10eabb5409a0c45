package io.flashstation.probe.stlink;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.usb.HostClock;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbLink;
import java.util.Arrays;

/**
 * Moves {@link StlinkCommand}s over the USB link (stlink.md §1.1): the 16-byte block and the data-out phase as
 * separate bulk OUT transfers, then exactly the reply length from IN 0x81. Counts each exchange that waits for an
 * answer as one round trip, and turns a device that left the bus into {@link ProbeLostException}.
 */
final class StlinkLink implements AutoCloseable {

    static final int IN_ENDPOINT = 0x81;
    static final int DEBUG_INTERFACE = 0;
    /** Long enough for the firmware's own WAIT retries; OpenOCD 0.12.0 allows 6 s (stlink.md §11). */
    private static final long TIMEOUT_MILLIS = 3000;

    private final UsbLink usb;
    private final int outEndpoint;
    private final StlinkCounters counters;

    StlinkLink(UsbLink usb, int outEndpoint, StlinkCounters counters) {
        this.usb = usb;
        this.outEndpoint = outEndpoint;
        this.counters = counters;
    }

    /** The host's clock on this link (virtual in the lab). */
    HostClock clock() {
        return usb.clock();
    }

    /**
     * Sends the command and returns its reply as it arrived: firmware that does not know a command answers with a
     * 2-byte status only, so a reply may be shorter than asked for. Commands without a reply return an empty array.
     */
    byte[] exchange(StlinkCommand command) throws ProbeException {
        try {
            usb.bulkTransfer(outEndpoint, command.block(), 0, command.block().length, TIMEOUT_MILLIS);
            if (command.dataOut().length > 0) {
                usb.bulkTransfer(outEndpoint, command.dataOut(), 0, command.dataOut().length, TIMEOUT_MILLIS);
            }
            if (command.replyLength() == 0) {
                return new byte[0];
            }
            byte[] reply = new byte[command.replyLength()];
            int got = usb.bulkTransfer(IN_ENDPOINT, reply, 0, reply.length, TIMEOUT_MILLIS);
            counters.addRoundTrip();
            return got == reply.length ? reply : Arrays.copyOf(reply, got);
        } catch (UsbDeviceGoneException e) {
            throw new ProbeLostException("the ST-Link " + usb.device() + " left the USB bus during "
                    + command.name(), e);
        } catch (UsbException e) {
            throw new ProbeException("USB transfer of " + command.name() + " to " + usb.device() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Like {@link #exchange}, but insists on a reply of the full length (data replies have no status to read). */
    byte[] exchangeFull(StlinkCommand command) throws ProbeException {
        byte[] reply = exchange(command);
        if (reply.length != command.replyLength()) {
            throw new ProbeException(command.name() + " answered " + reply.length + " bytes instead of "
                    + command.replyLength() + (reply.length > 0 ? String.format(" (status 0x%02X)",
                    StlinkCommand.status(reply)) : ""));
        }
        return reply;
    }

    @Override
    public void close() {
        usb.close();
    }
}
