package io.flashstation.probe.stlink;

import io.flashstation.probe.LittleEndian;
import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.ProbeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * DP/AP register transfers through the firmware's READ_DAP_REG / WRITE_DAP_REG commands (stlink.md §4, 0x45/0x46).
 * The firmware takes one register access per command and selects the AP and bank itself, so every transfer is
 * one USB round trip: that is this probe's limit, and why bulk memory should go through its memory port instead.
 */
final class StlinkDapBatch implements DapBatch {

    /**
     * One queued register access; {@code port} is an AP number or {@link StlinkCommand#DP_PORT}. A read hands its
     * value to {@code sink}; a write has none.
     */
    private record Access(int port, int address, int value, IntConsumer sink) {
        boolean read() {
            return sink != null;
        }
    }

    private final StlinkSession session;
    private final List<Access> queue = new ArrayList<>();

    StlinkDapBatch(StlinkSession session) {
        this.session = session;
    }

    @Override
    public DapValue readDp(int address) {
        return enqueueRead(StlinkCommand.DP_PORT, checkDp(address));
    }

    @Override
    public void writeDp(int address, int value) {
        queue.add(new Access(StlinkCommand.DP_PORT, checkDp(address), value, null));
    }

    @Override
    public DapValue readAp(int apsel, int address) {
        return enqueueRead(checkAp(apsel), checkApRegister(address));
    }

    @Override
    public void writeAp(int apsel, int address, int value) {
        queue.add(new Access(checkAp(apsel), checkApRegister(address), value, null));
    }

    @Override
    public void readApRepeated(int apsel, int address, int[] into, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, into.length);
        checkAp(apsel);
        checkApRegister(address);
        for (int i = 0; i < count; i++) {
            int slot = offset + i;
            queue.add(new Access(apsel, address, 0, value -> into[slot] = value));
        }
    }

    @Override
    public void writeApRepeated(int apsel, int address, int[] from, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, from.length);
        for (int i = 0; i < count; i++) {
            writeAp(apsel, address, from[offset + i]);
        }
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public void run() throws ProbeException {
        List<Access> accesses = List.copyOf(queue);
        queue.clear();
        session.requireConnected();
        for (int i = 0; i < accesses.size(); i++) {
            Access access = accesses.get(i);
            boolean ap = access.port() != StlinkCommand.DP_PORT;
            if (ap) {
                session.ensureApInitialised(access.port(), i);
            }
            // Counted before the exchange: a failing access is still on the wire. An AP read is posted, so the
            // firmware also reads RDBUFF for its value (see StlinkCounters).
            session.counters().addSwdTransfers(ap && access.read() ? 2 : 1);
            if (access.read()) {
                byte[] reply = session.exchangeChecked(
                        StlinkCommand.readDapRegister(access.port(), access.address()), i);
                access.sink().accept(LittleEndian.u32(reply, 4));
            } else {
                session.exchangeChecked(
                        StlinkCommand.writeDapRegister(access.port(), access.address(), access.value()), i);
            }
        }
    }

    private DapValue enqueueRead(int port, int address) {
        DapValue value = new DapValue();
        queue.add(new Access(port, address, 0, value::fill));
        return value;
    }

    /** DP registers of the contract: 0x0, 0x4, 0x8, 0xC. */
    private static int checkDp(int address) {
        if (address < 0 || address > 0xC || (address & 3) != 0) {
            throw new IllegalArgumentException(String.format("no DP register 0x%X", address));
        }
        return address;
    }

    private static int checkAp(int apsel) {
        if (apsel < 0 || apsel > 0xFF) {
            throw new IllegalArgumentException("no AP " + apsel);
        }
        return apsel;
    }

    private static int checkApRegister(int address) {
        if (address < 0 || address > 0xFC || (address & 3) != 0) {
            throw new IllegalArgumentException(String.format("no AP register 0x%X", address));
        }
        return address;
    }

}
