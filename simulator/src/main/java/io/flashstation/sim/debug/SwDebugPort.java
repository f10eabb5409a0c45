package io.flashstation.sim.debug;

import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.time.VirtualClock;
import java.util.function.BooleanSupplier;

/**
 * The STM32F4's SW-DP (DPv1) register model of adiv5-swd-jtag.md §3–§5: DPIDR, CTRL/STAT with power-up
 * handshake and sticky flags, SELECT, RDBUFF, RESEND, ABORT; the FAULT-until-DPIDR reset state; WAIT while the
 * previous AP access is still running; posted AP reads. Both the per-transaction port and the wire decoder
 * drive it: {@link #request} answers the 8 request bits, {@link #writeData} takes a write's data phase.
 */
public final class SwDebugPort {

    /** DPIDR of the STM32F4 SW-DP: Cortex-M4 with FPU r0p1 (§4.2). */
    public static final int DPIDR = 0x2BA01477;

    public static final int ORUNDETECT = 1;
    public static final int STICKYORUN = 1 << 1;
    public static final int TRNMODE = 3 << 2;
    public static final int STICKYCMP = 1 << 4;
    public static final int STICKYERR = 1 << 5;
    public static final int READOK = 1 << 6;
    public static final int WDATAERR = 1 << 7;
    public static final int MASKLANE = 0xF << 8;
    public static final int TRNCNT = 0x3FF << 12;
    public static final int CDBGRSTREQ = 1 << 26;
    public static final int CDBGPWRUPREQ = 1 << 28;
    public static final int CSYSPWRUPREQ = 1 << 30;

    public static final int DAPABORT = 1;
    public static final int STKCMPCLR = 1 << 1;
    public static final int STKERRCLR = 1 << 2;
    public static final int WDERRCLR = 1 << 3;
    public static final int ORUNERRCLR = 1 << 4;

    private static final int STICKY_FLAGS = STICKYORUN | STICKYCMP | STICKYERR | WDATAERR;
    private static final int CTRL_WRITABLE = ORUNDETECT | TRNMODE | MASKLANE | TRNCNT
            | CDBGRSTREQ | CDBGPWRUPREQ | CSYSPWRUPREQ;
    private static final int TRNMODE_PUSHED_VERIFY = 1 << 2;
    private static final int TRNMODE_PUSHED_COMPARE = 2 << 2;
    private static final int SELECT_CTRLSEL = 1;
    private static final int SELECT_APBANK = 0xF0;
    /** WCR after reset: synchronous wire mode, no prescaler, one-cycle turnaround. */
    private static final int WCR_RESET = 0x40;

    private static final int A_IDR_ABORT = 0x0;
    private static final int A_CTRL = 0x4;
    private static final int A_SELECT_RESEND = 0x8;
    private static final int A_RDBUFF = 0xC;

    private final AhbAccessPort ap0;
    private final VirtualClock clock;
    private final FaultPlan faults;
    private final BooleanSupplier portEnabled;
    private final SwjLineMonitor line = new SwjLineMonitor();
    private Runnable debugPowerUpListener = () -> { };

    private int control;
    private int sticky;
    private boolean readOk;
    private int select;
    private int wcr;
    private int readBuffer;
    private int lastRead;
    private boolean awaitingIdRead;
    private long apBusyUntil;
    private int stormWaitsOwed;
    private PendingWrite pendingWrite;

    /**
     * @param ap0         the MEM-AP at APSEL 0
     * @param portEnabled false while the port is dead (RDP level 2, no power): nothing is answered
     */
    public SwDebugPort(AhbAccessPort ap0, VirtualClock clock, FaultPlan faults, BooleanSupplier portEnabled) {
        this.ap0 = ap0;
        this.clock = clock;
        this.faults = faults;
        this.portEnabled = portEnabled;
        powerOn();
    }

    /** Called whenever a host sets CDBGPWRUPREQ after it was clear (a debugger attaches). */
    public void onDebugPowerUp(Runnable listener) {
        this.debugPowerUpListener = listener;
    }

    /** Power-on reset of the whole SWJ-DP: JTAG mode, registers cleared, AP reset. System resets do not call this. */
    public void powerOn() {
        line.powerOn();
        control = 0;
        sticky = 0;
        readOk = false;
        select = 0;
        wcr = WCR_RESET;
        readBuffer = 0;
        lastRead = 0;
        awaitingIdRead = true;
        apBusyUntil = 0;
        stormWaitsOwed = -1;
        pendingWrite = null;
        ap0.reset();
    }

    /** The line watcher feeding this DP (line resets and protocol switches). */
    SwjLineMonitor line() {
        return line;
    }

    /**
     * One line level the target did not drive; a line reset or a switch to SWD puts the DP in its reset state
     * (§3), which this returns as true.
     */
    public boolean lineBit(boolean level) {
        if (!line.bit(level)) {
            return false;
        }
        awaitingIdRead = true;
        pendingWrite = null;
        return true;
    }

    /** True when CTRL/STAT.ORUNDETECT is set: WAIT and FAULT answers are then followed by a data phase. */
    public boolean overrunDetection() {
        return (control & ORUNDETECT) != 0;
    }

    /** CDBGPWRUPREQ as the host last wrote it. */
    public boolean debugPowerRequested() {
        return (control & CDBGPWRUPREQ) != 0;
    }

    /** Answers the request bits of one packet (address is A[3:2] as 0x0, 0x4, 0x8 or 0xC). */
    public DpAnswer request(boolean ap, boolean read, int address) {
        pendingWrite = null;
        if (!portEnabled.getAsBoolean() || faults.targetVanished() || !line.acceptsRequests()) {
            return DpAnswer.NO_RESPONSE;
        }
        boolean idRead = !ap && read && address == A_IDR_ABORT;
        if (awaitingIdRead && !idRead) {
            return DpAnswer.FAULT; // ST: anything but a DPIDR read after reset gets FAULT (§3)
        }
        // DPIDR read, CTRL/STAT read and ABORT write must be answered at once, whatever the state (§5)
        boolean immediate = !ap && (address == A_IDR_ABORT || (read && address == A_CTRL));
        if (!immediate) {
            if (sticky != 0) {
                return DpAnswer.FAULT;
            }
            if (clock.nanos() < apBusyUntil) {
                return waitAnswer();
            }
            if ((ap || (read && address == A_RDBUFF)) && stormWait()) {
                return waitAnswer();
            }
        }
        if (!read) {
            pendingWrite = new PendingWrite(ap, address);
            return DpAnswer.WRITE_OK;
        }
        int data = ap ? postedApRead(address) : dpRead(address);
        if (ap || address == A_RDBUFF) {
            lastRead = data;
        }
        if (faults.takeReadFlip()) {
            return new DpAnswer(SwdAck.OK, data ^ 1, SwdProtocol.dataParity(data));
        }
        return new DpAnswer(SwdAck.OK, data, SwdProtocol.dataParity(data));
    }

    /** The data phase of the write whose request was just answered OK, with the parity bit as received. */
    public void writeData(int data, boolean parity) {
        if (pendingWrite == null) {
            throw new IllegalStateException("no write request was accepted");
        }
        boolean ap = pendingWrite.ap();
        int address = pendingWrite.address();
        pendingWrite = null;
        int received = faults.takeWriteFlip() ? data ^ 1 : data;
        if (SwdProtocol.dataParity(received) != parity) {
            sticky |= WDATAERR; // the write is dropped (§4.4)
            return;
        }
        if (ap) {
            apWrite(address, received);
        } else {
            dpWrite(address, received);
        }
    }

    private DpAnswer waitAnswer() {
        if (overrunDetection()) {
            sticky |= STICKYORUN;
        }
        return DpAnswer.WAIT;
    }

    /** A wait storm owes each affected AP/RDBUFF access its WAITs; the access proceeds once they are paid. */
    private boolean stormWait() {
        if (stormWaitsOwed < 0) {
            stormWaitsOwed = faults.takeWaits();
        }
        if (stormWaitsOwed > 0) {
            stormWaitsOwed--;
            return true;
        }
        stormWaitsOwed = -1;
        return false;
    }

    private int dpRead(int address) {
        return switch (address) {
            case A_IDR_ABORT -> {
                awaitingIdRead = false;
                yield DPIDR;
            }
            case A_CTRL -> (select & SELECT_CTRLSEL) != 0 ? wcr : ctrlStat();
            case A_SELECT_RESEND -> lastRead;
            default -> readBuffer;
        };
    }

    private int ctrlStat() {
        int acks = (control & (CDBGRSTREQ | CDBGPWRUPREQ | CSYSPWRUPREQ)) << 1; // ACKs follow REQs at once
        boolean readDone = readOk && clock.nanos() >= apBusyUntil;
        return control | acks | sticky | (readDone ? READOK : 0);
    }

    private void dpWrite(int address, int value) {
        switch (address) {
            case A_IDR_ABORT -> abort(value);
            case A_CTRL -> {
                if ((select & SELECT_CTRLSEL) != 0) {
                    wcr = value;
                } else {
                    boolean wasPowered = debugPowerRequested();
                    control = value & CTRL_WRITABLE; // sticky flags are read-only on SWD (§4.4)
                    if (!wasPowered && debugPowerRequested()) {
                        debugPowerUpListener.run();
                    }
                }
            }
            case A_SELECT_RESEND -> select = value;
            default -> {
                // TARGETSEL exists from DPv2 on; a DPv1 ignores the write
            }
        }
    }

    private void abort(int value) {
        if ((value & DAPABORT) != 0) {
            apBusyUntil = clock.nanos();
            stormWaitsOwed = -1;
        }
        if ((value & STKCMPCLR) != 0) {
            sticky &= ~STICKYCMP;
        }
        if ((value & STKERRCLR) != 0) {
            sticky &= ~STICKYERR;
        }
        if ((value & WDERRCLR) != 0) {
            sticky &= ~WDATAERR;
        }
        if ((value & ORUNERRCLR) != 0) {
            sticky &= ~STICKYORUN;
        }
    }

    /** AP reads are posted: this packet carries the previous AP read's result, RDBUFF will carry this one (§3). */
    private int postedApRead(int address) {
        int previous = readBuffer;
        if (apSelected()) {
            ApAccess access = ap0.read(apRegister(address));
            track(access);
            readBuffer = access.data();
            readOk = access.ok();
        } else {
            readBuffer = 0; // no AP behind this APSEL: its registers, IDR included, read as zero
            readOk = true;
        }
        return previous;
    }

    private void apWrite(int address, int value) {
        if (!apSelected()) {
            return;
        }
        int register = apRegister(address);
        int mode = control & TRNMODE;
        if (mode == TRNMODE_PUSHED_VERIFY || mode == TRNMODE_PUSHED_COMPARE) {
            pushedCompare(register, value, mode == TRNMODE_PUSHED_COMPARE);
        } else {
            track(ap0.write(register, value));
        }
    }

    /**
     * Pushed verify / pushed compare (§4.4 TRNMODE): the write becomes a read of the same AP register whose
     * bytes selected by MASKLANE are compared with the written value; a mismatch (verify) or a match (compare)
     * sets STICKYCMP.
     */
    private void pushedCompare(int register, int expected, boolean flagMatch) {
        ApAccess access = ap0.read(register);
        track(access);
        if (!access.ok()) {
            return;
        }
        int laneMask = 0;
        for (int lane = 0; lane < 4; lane++) {
            if ((control & (1 << (8 + lane))) != 0) {
                laneMask |= 0xFF << (8 * lane);
            }
        }
        boolean match = ((access.data() ^ expected) & laneMask) == 0;
        if (match == flagMatch) {
            sticky |= STICKYCMP;
        }
    }

    private void track(ApAccess access) {
        if (!access.ok()) {
            sticky |= STICKYERR;
        }
        apBusyUntil = Math.max(apBusyUntil, access.readyAtNanos());
    }

    private boolean apSelected() {
        return (select >>> 24) == 0;
    }

    private int apRegister(int address) {
        return (select & SELECT_APBANK) | address;
    }

    /** A write request answered OK whose data phase has not arrived yet. */
    private record PendingWrite(boolean ap, int address) {
    }
}
