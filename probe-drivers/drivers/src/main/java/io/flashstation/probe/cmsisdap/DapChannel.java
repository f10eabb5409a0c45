package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeFirmwareException;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.usb.HostClock;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbTimeoutException;
import java.util.List;

/**
 * Command/answer exchanges with one probe. Several commands may be in flight, up to the probe's packet count
 * (cmsis-dap.md §11.3): the probe buffers them and answers strictly in order, so the USB latency of later commands
 * overlaps the work of earlier ones (TIMING.md §3). Checks that every answer echoes its command's ID (§1), turns USB
 * failures into probe failures and counts round trips and SWD transfers.
 */
final class DapChannel {

    /** The answer a probe gives to a command ID it does not implement (§1). */
    private static final int NOT_IMPLEMENTED = 0xFF;

    /** Takes the answers of a stream of commands in order. */
    @FunctionalInterface
    interface AnswerHandler {
        /** Handles the answer to command {@code index}; false stops sending further commands. */
        boolean accept(int index, byte[] answer) throws ProbeException;
    }

    private final DapTransport transport;
    private int packetsInFlight = 1;
    private long roundTrips;
    private long swdTransfers;

    DapChannel(DapTransport transport) {
        this.transport = transport;
    }

    /** How many commands may be sent before the first answer is read (the probe's packet count). */
    void allowInFlight(int packets) {
        packetsInFlight = Math.max(1, packets);
    }

    void usePacketSize(int packetSize) {
        transport.usePacketSize(packetSize);
    }

    /** Sends one command and returns its answer (a stream leaves nothing in flight, so they pair up). */
    byte[] exchange(byte[] command) throws ProbeException {
        send(command);
        return receive(command[0] & 0xFF);
    }

    /**
     * Sends {@code commands} keeping as many in flight as the probe buffers and hands each answer to
     * {@code handler} in order. Once the handler says stop (or throws), no further command is sent; the answers of
     * commands already sent are still read, so that the next exchange pairs up, and dropped. A lost probe ends the
     * stream at once.
     */
    void stream(List<byte[]> commands, AnswerHandler handler) throws ProbeException {
        int sent = 0;
        int answered = 0;
        boolean going = true;
        ProbeException failure = null;
        while (answered < sent || (going && sent < commands.size())) {
            if (going && sent < commands.size() && sent - answered < packetsInFlight) {
                send(commands.get(sent++));
                continue;
            }
            int index = answered++;
            byte[] answer = receive(commands.get(index)[0] & 0xFF);
            if (!going) {
                continue;
            }
            try {
                going = handler.accept(index, answer);
            } catch (ProbeException e) {
                failure = e;
                going = false;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    void countSwdTransfers(int transfers) {
        swdTransfers += transfers;
    }

    ProbeCounters counters() {
        return new ProbeCounters(roundTrips, swdTransfers);
    }

    HostClock clock() {
        return transport.clock();
    }

    void close() {
        transport.close();
    }

    /** A USB failure as the probe layer reports it: a device gone is a lost probe. */
    static ProbeException translate(UsbException e, String doing) {
        if (e instanceof UsbDeviceGoneException) {
            return new ProbeLostException("the probe left the USB bus while " + doing, e);
        }
        if (e instanceof UsbTimeoutException) {
            return new ProbeException("the probe did not answer while " + doing, e);
        }
        return new ProbeException("USB failure while " + doing + ": " + e.getMessage(), e);
    }

    private void send(byte[] command) throws ProbeException {
        try {
            transport.send(command);
        } catch (UsbException e) {
            throw translate(e, String.format("sending command 0x%02X", command[0] & 0xFF));
        }
    }

    private byte[] receive(int expectedId) throws ProbeException {
        byte[] answer;
        try {
            answer = transport.receive();
        } catch (UsbException e) {
            throw translate(e, String.format("waiting for the answer to command 0x%02X", expectedId));
        }
        roundTrips++;
        if (answer.length == 0) {
            throw new ProbeException(String.format("the probe sent an empty answer to command 0x%02X", expectedId));
        }
        int id = answer[0] & 0xFF;
        if (id != expectedId) {
            if (id == NOT_IMPLEMENTED) {
                throw new ProbeFirmwareException(String.format(
                        "the probe firmware does not implement CMSIS-DAP command 0x%02X", expectedId));
            }
            throw new ProbeException(String.format("the probe answered command 0x%02X with an answer to 0x%02X",
                    expectedId, id));
        }
        return answer;
    }
}
