package io.flashstation.probe.stlink;

import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbControlSetup;
import java.util.function.UnaryOperator;

/**
 * A virtual ST-Link with something in the way, for failure paths the lab's models do not offer: the cable is
 * pulled after a number of OUT packets, or the replies of one command are rewritten (an older firmware's version).
 */
final class InterposedStlink implements VirtualUsbDevice {

    private final VirtualStlink stlink;
    private Runnable unplug;
    private int packetsBeforeUnplug = -1;
    private byte replacedCommand;
    private UnaryOperator<byte[]> replyRewrite;
    private boolean rewriteNextReply;

    InterposedStlink(VirtualStlink stlink) {
        this.stlink = stlink;
    }

    /** After {@code packets} more OUT packets the device is pulled out with {@code unplug}; that packet is lost. */
    synchronized void unplugAfter(int packets, Runnable unplugAction) {
        packetsBeforeUnplug = packets;
        unplug = unplugAction;
    }

    /** Rewrites the reply to every command block whose first byte is {@code command}. */
    synchronized void rewriteReplies(int command, UnaryOperator<byte[]> rewrite) {
        replacedCommand = (byte) command;
        replyRewrite = rewrite;
    }

    @Override
    public DeviceDescriptor descriptor() {
        return stlink.descriptor();
    }

    @Override
    public LinkTiming linkTiming() {
        return stlink.linkTiming();
    }

    @Override
    public void receive(int endpoint, byte[] data, long arrivalNanos) {
        synchronized (this) {
            if (packetsBeforeUnplug == 0) {
                packetsBeforeUnplug = -1;
                unplug.run();
                return;
            }
            if (packetsBeforeUnplug > 0) {
                packetsBeforeUnplug--;
            }
            if (replyRewrite != null && data.length == 16 && data[0] == replacedCommand) {
                rewriteNextReply = true;
            }
        }
        stlink.receive(endpoint, data, arrivalNanos);
    }

    @Override
    public InTransfer nextIn(int endpoint) {
        InTransfer reply = stlink.nextIn(endpoint);
        synchronized (this) {
            if (reply == null || !rewriteNextReply) {
                return reply;
            }
            rewriteNextReply = false;
            return new InTransfer(replyRewrite.apply(reply.data()), reply.readyNanos());
        }
    }

    @Override
    public byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos) {
        return stlink.control(setup, data, length, arrivalNanos);
    }

    @Override
    public void opened(long nanos) {
        stlink.opened(nanos);
    }

    @Override
    public void closed(long nanos) {
        stlink.closed(nanos);
    }
}
