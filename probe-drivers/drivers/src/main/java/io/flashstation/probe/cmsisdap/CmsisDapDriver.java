package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeFirmwareException;
import io.flashstation.probe.ProbeInfo;
import io.flashstation.probe.ProbeKind;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbLink;

/**
 * The driver for CMSIS-DAP probes, v1 (HID) and v2 (bulk). Opening identifies the probe with DAP_Info, switches its
 * port to SWD, sets transfer retries and the probe's fastest clock (cmsis-dap.md §3, §4.2, §7.1; TIMING.md §3).
 */
public final class CmsisDapDriver implements ProbeDriver {

    /** A transfer that takes longer than this has no probe behind it (OpenOCD waits 6 s, cmsis-dap.md §1). */
    private static final long TIMEOUT_MILLIS = 5_000;
    /** §7.1: no idle cycles; WAIT retried as the reference firmware's default does; no value-match reads. */
    private static final int IDLE_CYCLES = 0;
    private static final int WAIT_RETRIES = 100;
    private static final int MATCH_RETRIES = 0;
    /** TIMING.md §3: the fastest SWD clock of each CMSIS-DAP class. */
    private static final long FULL_SPEED_MAX_SWD_HZ = 4_000_000;
    private static final long HIGH_SPEED_MAX_SWD_HZ = 10_000_000;

    @Override
    public boolean recognises(UsbDeviceInfo device) {
        return DapInterface.find(device).isPresent();
    }

    @Override
    public DebugProbe open(UsbBus bus, UsbDeviceInfo device) throws ProbeException {
        DapInterface itf = DapInterface.find(device)
                .orElseThrow(() -> new ProbeException(device + " is not a CMSIS-DAP probe"));
        UsbLink link;
        try {
            link = bus.open(device);
        } catch (UsbException e) {
            throw DapChannel.translate(e, "opening " + device);
        }
        try {
            link.claimInterface(itf.number());
        } catch (UsbException e) {
            link.close();
            throw DapChannel.translate(e, "claiming interface " + itf.number() + " of " + device);
        }
        DapChannel channel = new DapChannel(itf.transport(link, TIMEOUT_MILLIS));
        try {
            return identifyAndPrepare(channel, itf, device);
        } catch (ProbeException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static DebugProbe identifyAndPrepare(DapChannel channel, DapInterface itf, UsbDeviceInfo device)
            throws ProbeException {
        DapIdentity identity = DapIdentity.query(channel);
        if (!identity.supportsSwd()) {
            throw new ProbeFirmwareException(device + " is a CMSIS-DAP probe without SWD (capabilities 0x"
                    + Integer.toHexString(identity.capabilities()) + ")");
        }
        int port = DapCommands.connectedPort(channel.exchange(DapCommands.connect(DapCommands.PORT_SWD)));
        if (port != DapCommands.PORT_SWD) {
            throw new ProbeFirmwareException(device + " refused to switch its port to SWD (DAP_Connect answered "
                    + port + ")");
        }
        DapCommands.requireOk(channel.exchange(DapCommands.transferConfigure(IDLE_CYCLES, WAIT_RETRIES,
                MATCH_RETRIES)), "DAP_TransferConfigure");
        ProbeKind kind = itf.kind();
        long maxSwdHz = kind == ProbeKind.CMSIS_DAP_V2_HS ? HIGH_SPEED_MAX_SWD_HZ : FULL_SPEED_MAX_SWD_HZ;
        String serial = identity.serial().orElse(device.serial());
        String firmware = identity.firmwareVersion().or(identity::protocolVersion).orElse("unknown");
        CmsisDapDebugProbe probe = new CmsisDapDebugProbe(new ProbeInfo(kind, serial, firmware, device, maxSwdHz),
                channel, identity.packetSize());
        probe.setSwdClock(maxSwdHz);
        return probe;
    }
}
