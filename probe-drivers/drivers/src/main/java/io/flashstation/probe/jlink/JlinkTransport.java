package io.flashstation.probe.jlink;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbLink;
import io.flashstation.usb.UsbTimeoutException;
import java.util.Arrays;

/**
 * The J-Link's bulk pipe (jlink.md §1.3): a command goes out in transfers of at most 2048 bytes, and its answer,
 * which has no header and a length fixed by the command, is gathered from as many IN transfers as it takes.
 * IN transfers always ask for 2048 bytes (a whole number of packets, so a long answer never overflows) and
 * zero-length ones are skipped, as libjaylink does.
 */
final class JlinkTransport {

    /** libjaylink's transfer size in both directions. */
    static final int CHUNK_BYTES = 2048;
    /** libjaylink's per-transfer timeout; it gives up after two in a row. */
    private static final long TIMEOUT_MILLIS = 1000;
    private static final int TIMEOUTS_TOLERATED = 2;

    private static final System.Logger LOG = System.getLogger(JlinkTransport.class.getName());

    private final UsbLink link;
    private final JlinkEndpoints endpoints;
    private final byte[] inBuffer = new byte[CHUNK_BYTES];
    private byte[] surplus = new byte[0];
    private long roundTrips;

    JlinkTransport(UsbLink link, JlinkEndpoints endpoints) {
        this.link = link;
        this.endpoints = endpoints;
    }

    /** Sends a command that has no answer. */
    void send(byte[] command) throws ProbeException {
        for (int done = 0; done < command.length; ) {
            int size = Math.min(CHUNK_BYTES, command.length - done);
            try {
                done += link.bulkTransfer(endpoints.outEndpoint(), command, done, size, TIMEOUT_MILLIS);
            } catch (UsbException e) {
                throw failure("sending a command to", e);
            }
        }
    }

    /** Sends a command and returns the first {@code length} bytes of its answer: one round trip. */
    byte[] exchange(byte[] command, int length) throws ProbeException {
        if (surplus.length > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0} left {1} bytes of an earlier answer; dropped",
                    link.device(), surplus.length);
            surplus = new byte[0];
        }
        send(command);
        roundTrips++;
        return read(length);
    }

    /** Reads {@code length} more bytes of the answer being received (the rest of a length-prefixed answer). */
    byte[] read(int length) throws ProbeException {
        byte[] answer = Arrays.copyOf(surplus, Math.max(length, surplus.length));
        int have = surplus.length;
        int timeouts = 0;
        while (have < length) {
            int got;
            try {
                got = link.bulkTransfer(endpoints.inEndpoint(), inBuffer, 0, CHUNK_BYTES, TIMEOUT_MILLIS);
            } catch (UsbTimeoutException e) {
                if (++timeouts == TIMEOUTS_TOLERATED) {
                    throw new ProbeException(link.device() + " did not answer: " + e.getMessage(), e);
                }
                continue;
            } catch (UsbException e) {
                throw failure("receiving an answer from", e);
            }
            timeouts = 0;
            if (have + got > answer.length) {
                answer = Arrays.copyOf(answer, have + got);
            }
            System.arraycopy(inBuffer, 0, answer, have, got);
            have += got;
        }
        surplus = Arrays.copyOfRange(answer, length, have);
        return Arrays.copyOf(answer, length);
    }

    /** Commands sent that waited for an answer. */
    long roundTrips() {
        return roundTrips;
    }

    private ProbeException failure(String what, UsbException e) {
        if (e instanceof UsbDeviceGoneException) {
            return new ProbeLostException(link.device() + " left the bus", e);
        }
        return new ProbeException("USB error " + what + " " + link.device() + ": " + e.getMessage(), e);
    }
}
