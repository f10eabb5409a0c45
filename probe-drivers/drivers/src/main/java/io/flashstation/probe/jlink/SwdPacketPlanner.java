package io.flashstation.probe.jlink;

import io.flashstation.probe.SelectTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Turns queued DP/AP transfers into the SWD packets that carry them (adiv5-swd-jtag.md §3, §5):
 * <ul>
 * <li>a SELECT write before an AP access whose AP or bank differs from the last one written;</li>
 * <li>AP reads are posted: each returns the previous AP read's value, so a read's value is collected by the
 * next AP read, or by an RDBUFF read put in before any other packet and at the end;</li>
 * <li>a failed AP write only shows as FAULT on a later packet, so an AP write not yet followed by a packet that
 * could FAULT is confirmed by an RDBUFF read before a DP access that is always answered (which would also
 * cancel a write still in the DP's buffer) and at the end of the batch;</li>
 * <li>every CTRL/STAT write sets ORUNDETECT. The probe clocks a data phase after every request whatever the
 * ACK; only with overrun detection does the DP skip it after WAIT or FAULT. Without it the DP takes those 33
 * clocks for a new request, and write data can spell a valid one (0xA9 in a word's low byte is a CTRL/STAT
 * write), so a WAIT during a burst could write garbage into a DP register. OpenOCD's J-Link path sets the
 * bit for the same reason (jlink.md §3.5).</li>
 * </ul>
 */
final class SwdPacketPlanner {

    static final int DP_DPIDR = 0x0;
    static final int DP_ABORT = 0x0;
    static final int DP_CTRL_STAT = 0x4;
    static final int DP_SELECT = 0x8;
    static final int DP_RDBUFF = 0xC;
    static final int ORUNDETECT = 1;
    /** SELECT.CTRLSEL (DPv1): DP address 0x4 then reaches WCR instead of CTRL/STAT. */
    private static final int SELECT_CTRLSEL = 1;

    private final SelectTracker select;
    private boolean wcrSelected;

    SwdPacketPlanner(SelectTracker select) {
        this.select = select;
    }

    /** The packets for {@code transfers} from {@code from} on. */
    List<WirePacket> plan(List<DapTransfer> transfers, PlanPoint from) {
        List<WirePacket> packets = new ArrayList<>();
        WirePacket.ReadTarget posted = from.posted();
        int unconfirmed = from.unconfirmedWrite();
        for (int i = from.transfer(); i < transfers.size(); i++) {
            DapTransfer t = transfers.get(i);
            boolean apRead = t.ap() && t.read();
            OptionalInt selectValue = t.ap() ? select.selectFor(t.apsel(), t.address()) : OptionalInt.empty();
            if (posted != null && (!apRead || selectValue.isPresent())) {
                packets.add(rdbuff(posted, posted.owner(), new PlanPoint(i, posted, unconfirmed)));
                posted = null;
                unconfirmed = -1;
            }
            if (selectValue.isPresent()) {
                packets.add(WirePacket.write(false, DP_SELECT, selectValue.getAsInt(), i,
                        new PlanPoint(i, null, unconfirmed)));
                unconfirmed = -1;
                wcrSelected = false;
            }
            if (t.answeredAtOnce() && unconfirmed >= 0) {
                packets.add(rdbuff(null, unconfirmed, new PlanPoint(i, null, unconfirmed)));
                unconfirmed = -1;
            }
            PlanPoint here = new PlanPoint(i, posted, unconfirmed);
            int a = t.address() & 0xC;
            if (apRead) {
                packets.add(WirePacket.read(true, a, posted, i, here));
                posted = new WirePacket.ReadTarget(t.sink(), i);
            } else if (t.read()) {
                packets.add(WirePacket.read(false, a, new WirePacket.ReadTarget(t.sink(), i), i, here));
            } else {
                packets.add(WirePacket.write(t.ap(), a, valueToWrite(t), i, here));
            }
            if (!t.answeredAtOnce()) {
                unconfirmed = -1;
            }
            if (t.ap() && !t.read()) {
                unconfirmed = i;
            }
            if (!t.ap() && !t.read() && t.address() == DP_SELECT) {
                select.invalidate(); // the caller wrote SELECT itself: the cached bank means nothing now
                wcrSelected = (t.value() & SELECT_CTRLSEL) != 0;
            }
        }
        PlanPoint end = new PlanPoint(transfers.size(), posted, unconfirmed);
        if (posted != null) {
            packets.add(rdbuff(posted, posted.owner(), end));
        } else if (unconfirmed >= 0) {
            packets.add(rdbuff(null, unconfirmed, end));
        }
        return packets;
    }

    private int valueToWrite(DapTransfer t) {
        boolean ctrlStat = !t.ap() && t.address() == DP_CTRL_STAT && !wcrSelected;
        return ctrlStat ? t.value() | ORUNDETECT : t.value();
    }

    private static WirePacket rdbuff(WirePacket.ReadTarget target, int owner, PlanPoint resume) {
        return WirePacket.read(false, DP_RDBUFF, target, owner, resume);
    }
}
