package io.flashstation.probe.jlink;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.ProbeException;
import java.util.ArrayList;
import java.util.List;

/** DP/AP transfers queued for a J-Link, run as raw SWD packets by the probe's {@link SwdPacketRunner}. */
final class JlinkDapBatch implements DapBatch {

    private final SwdPacketRunner runner;
    private final List<DapTransfer> queued = new ArrayList<>();

    JlinkDapBatch(SwdPacketRunner runner) {
        this.runner = runner;
    }

    @Override
    public DapValue readDp(int address) {
        DapValue value = new DapValue();
        queued.add(new DapTransfer(false, true, 0, dpAddress(address), 0, value::fill));
        return value;
    }

    @Override
    public void writeDp(int address, int value) {
        queued.add(new DapTransfer(false, false, 0, dpAddress(address), value, null));
    }

    @Override
    public DapValue readAp(int apsel, int address) {
        DapValue value = new DapValue();
        queued.add(new DapTransfer(true, true, apsel, apAddress(address), 0, value::fill));
        return value;
    }

    @Override
    public void writeAp(int apsel, int address, int value) {
        queued.add(new DapTransfer(true, false, apsel, apAddress(address), value, null));
    }

    @Override
    public void readApRepeated(int apsel, int address, int[] into, int offset, int count) {
        checkRange(into, offset, count);
        for (int i = 0; i < count; i++) {
            int slot = offset + i;
            queued.add(new DapTransfer(true, true, apsel, apAddress(address), 0, value -> into[slot] = value));
        }
    }

    @Override
    public void writeApRepeated(int apsel, int address, int[] from, int offset, int count) {
        checkRange(from, offset, count);
        for (int i = 0; i < count; i++) {
            queued.add(new DapTransfer(true, false, apsel, apAddress(address), from[offset + i], null));
        }
    }

    @Override
    public int size() {
        return queued.size();
    }

    @Override
    public void run() throws ProbeException {
        List<DapTransfer> transfers = List.copyOf(queued);
        queued.clear();
        runner.run(transfers);
    }

    private static int dpAddress(int address) {
        if ((address & ~0xC) != 0) {
            throw new IllegalArgumentException(String.format("no DP register 0x%X", address));
        }
        return address;
    }

    private static int apAddress(int address) {
        if (address < 0 || address > 0xFC || (address & 3) != 0) {
            throw new IllegalArgumentException(String.format("no AP register 0x%X", address));
        }
        return address;
    }

    private static void checkRange(int[] words, int offset, int count) {
        if (offset < 0 || count < 0 || offset + count > words.length) {
            throw new IndexOutOfBoundsException("words " + offset + ".." + (offset + count) + " of " + words.length);
        }
    }
}
