package io.flashstation.sim.jlink;

import io.flashstation.sim.bytes.LittleEndian;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The probe firmware: runs one command at a time and answers it byte for byte as jlink.md §2 describes.
 * Commands whose request or reply layout is not known from the sources (§9) are not framed at all; see
 * {@link CommandAssembler}.
 */
final class JLinkFirmware {

    /** SELECT_TIF sub-codes that ask instead of select (§2.6; the reverse assignment in some notes is wrong). */
    static final int TIF_GET_AVAILABLE = 0xFF;
    static final int TIF_GET_SELECTED = 0xFE;
    /** RESET_TARGET / RESET_TRST hold their line low for about 2 ms (§2.1). */
    static final long PULSE_NANOS = 2_000_000;
    /** SET_SPEED's "adaptive clocking" code, which needs capability 3 that neither profile has (§2.7). */
    static final int SPEED_ADAPTIVE = 0xFFFF;

    private final JLinkProfile profile;
    private final TargetCable cable;
    private final SwdClockGenerator clock;
    private final BitBangIo bitBang;
    private final DeviceConfig config = new DeviceConfig();
    private final ConnectionTable connections = new ConnectionTable();
    private TargetInterface selected;
    private boolean trstAsserted;

    JLinkFirmware(JLinkProfile profile, TargetCable cable) {
        this.profile = profile;
        this.cable = cable;
        this.clock = new SwdClockGenerator(profile.speedBaseHz(), profile.speedMinDivider());
        this.bitBang = new BitBangIo(cable, profile.freeMemory());
        this.selected = profile.initialInterface();
    }

    /** Runs {@code command}, which starts at {@code start}. */
    Reply execute(CommandFrame command, long start) {
        byte[] request = command.bytes();
        return switch (command.opcode()) {
            case VERSION -> version(start);
            case GET_CAPS -> Reply.of(Capabilities.legacyReply(profile.advertisedCaps()), start);
            case GET_EXT_CAPS -> Reply.of(Capabilities.extendedReply(profile.advertisedCaps()), start);
            case GET_HW_VERSION -> Reply.of(LittleEndian.u32Bytes(profile.hardwareVersion()), start);
            case GET_HW_STATUS -> Reply.of(hardwareStatus(start), start);
            case GET_FREE_MEMORY -> Reply.of(LittleEndian.u32Bytes(profile.freeMemory()), start);
            case READ_CONFIG -> Reply.of(config.read(), start);
            case WRITE_CONFIG -> {
                config.write(request);
                yield Reply.none(start);
            }
            case REGISTER -> Reply.of(connections.handle(request, start), start);
            case SELECT_TIF -> Reply.of(LittleEndian.u32Bytes(selectInterface(request[1] & 0xFF)), start);
            case GET_SPEEDS -> Reply.of(clock.speedsReply(), start);
            case SET_SPEED -> {
                setSpeed(LittleEndian.u16(request, 1));
                yield Reply.none(start);
            }
            case HW_RESET0 -> Reply.none(cable.driveReset(true, start));
            case HW_RESET1 -> Reply.none(cable.driveReset(false, start));
            case RESET_TARGET -> {
                long released = cable.driveReset(true, start) + PULSE_NANOS;
                yield Reply.none(cable.driveReset(false, released));
            }
            case HW_TRST0 -> setTrst(true, start);
            case HW_TRST1 -> setTrst(false, start);
            case RESET_TRST -> Reply.none(start + PULSE_NANOS);
            case SWD_IO -> {
                BitBangIo.Outcome outcome = bitBang.run(request, selected, clock.hz(), start);
                yield Reply.of(outcome.reply(), outcome.endNanos());
            }
        };
    }

    /** The interface commands go to now. */
    TargetInterface selectedInterface() {
        return selected;
    }

    /** The SWCLK frequency in effect. */
    long clockHz() {
        return clock.hz();
    }

    /**
     * VERSION: the u16 length, then the 112-byte string area (firmware string, NUL, zero padding), sent as two
     * transfers the way libjaylink reads them (§2.2).
     */
    private Reply version(long start) {
        byte[] length = new byte[2];
        LittleEndian.putU16(length, 0, JLinkProfile.VERSION_LENGTH);
        byte[] text = new byte[JLinkProfile.VERSION_LENGTH];
        byte[] ascii = profile.firmware().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, text, 0, ascii.length);
        return new Reply(List.of(length, text), start);
    }

    /**
     * GET_HW_STATUS (§2.8): VTref in mV, then the pin levels TCK, TDI, TDO, TMS, TRES, TRST. Only the layout is
     * sourced; the idle pin levels are a model: TCK rests low, TDI/TMS/TDO read their pull-ups, and nRESET /
     * nTRST read low exactly while the probe holds them low.
     */
    private byte[] hardwareStatus(long now) {
        byte[] status = new byte[8];
        LittleEndian.putU16(status, 0, cable.targetMillivolts(now));
        status[2] = 0;
        status[3] = 1;
        status[4] = 1;
        status[5] = 1;
        status[6] = (byte) (cable.resetAsserted() ? 0 : 1);
        status[7] = (byte) (trstAsserted ? 0 : 1);
        return status;
    }

    /**
     * SELECT_TIF (§2.6): 0xFF answers the available mask, 0xFE the selected interface, a number selects it and
     * answers the previous one. A number the probe does not offer leaves the selection alone (what real
     * firmware does then is UNCONFIRMED) and answers the current interface. Selecting resets the speed.
     */
    private int selectInterface(int sub) {
        if (sub == TIF_GET_AVAILABLE) {
            return profile.interfaces();
        }
        if (sub == TIF_GET_SELECTED) {
            return selected.number();
        }
        int previous = selected.number();
        for (TargetInterface tif : TargetInterface.values()) {
            if (tif.number() == sub && profile.offers(tif)) {
                selected = tif;
                clock.reset();
            }
        }
        return previous;
    }

    /** SET_SPEED in kHz; adaptive clocking (no capability 3) and 0 (never sent by libjaylink) change nothing. */
    private void setSpeed(int khz) {
        if (khz != 0 && khz != SPEED_ADAPTIVE) {
            clock.request(khz);
        }
    }

    /** nTRST is not wired to an SWD fixture: only the level reported by GET_HW_STATUS changes. */
    private Reply setTrst(boolean asserted, long start) {
        trstAsserted = asserted;
        return Reply.none(start);
    }
}
