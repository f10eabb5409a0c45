package io.flashstation.sim.jlink;

import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Test host: writes raw request bytes to a virtual J-Link's OUT endpoint and collects its IN transfers. */
final class JLinkTestHost {

    final VirtualJLink probe;

    JLinkTestHost(VirtualJLink probe) {
        this.probe = probe;
    }

    /** Sends {@code request} as one OUT transfer arriving at {@code arrivalNanos}. */
    JLinkTestHost send(byte[] request, long arrivalNanos) {
        probe.receive(probe.profile().outEndpoint(), request, arrivalNanos);
        return this;
    }

    JLinkTestHost send(long arrivalNanos, int... request) {
        return send(bytes(request), arrivalNanos);
    }

    /** Every IN transfer waiting, in order. */
    List<InTransfer> transfers() {
        List<InTransfer> all = new ArrayList<>();
        for (InTransfer t = probe.nextIn(probe.profile().inEndpoint()); t != null;
                t = probe.nextIn(probe.profile().inEndpoint())) {
            all.add(t);
        }
        return all;
    }

    /** Sends {@code request} at time 0 and returns every answer byte, across however many transfers. */
    byte[] exchange(int... request) {
        return exchange(bytes(request));
    }

    byte[] exchange(byte[] request) {
        send(request, 0);
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        for (InTransfer t : transfers()) {
            answer.writeBytes(t.data());
        }
        return answer.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static int u16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    static int u32(byte[] b, int offset) {
        return u16(b, offset) | u16(b, offset + 2) << 16;
    }
}
