package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeFirmwareException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a probe says about itself through DAP_Info (cmsis-dap.md §3.1).
 *
 * @param capabilities    Info0 of the capabilities
 * @param packetSize      DAP_PACKET_SIZE: the largest command and answer
 * @param packetCount     DAP_PACKET_COUNT: the commands the probe buffers
 * @param serial          the serial number, empty when the probe leaves it to the USB descriptor
 * @param protocolVersion the CMSIS-DAP protocol version, e.g. "2.1.0"
 * @param firmwareVersion the product firmware version (v2.1 / v1.3 probes)
 */
record DapIdentity(int capabilities, int packetSize, int packetCount, Optional<String> serial,
        Optional<String> protocolVersion, Optional<String> firmwareVersion) {

    /** DAP.c accepts packet sizes from 64 bytes (§11.3); a host cannot fit a useful transfer in less. */
    private static final int MIN_PACKET_SIZE = 64;

    /**
     * Asks the probe. Until the packet count is known only one command is in flight; the strings then go out
     * together. Configures {@code channel} for the probe's packet size and count.
     */
    static DapIdentity query(DapChannel channel) throws ProbeException {
        int capabilities = DapCommands.infoCapabilities(ask(channel, DapCommands.INFO_CAPABILITIES))
                .orElseThrow(() -> missing("capabilities", DapCommands.INFO_CAPABILITIES));
        int packetSize = DapCommands.infoNumber(ask(channel, DapCommands.INFO_PACKET_SIZE), 2)
                .orElseThrow(() -> missing("packet size", DapCommands.INFO_PACKET_SIZE));
        int packetCount = DapCommands.infoNumber(ask(channel, DapCommands.INFO_PACKET_COUNT), 1)
                .orElseThrow(() -> missing("packet count", DapCommands.INFO_PACKET_COUNT));
        if (packetSize < MIN_PACKET_SIZE || packetCount < 1) {
            throw new ProbeFirmwareException("the probe reports " + packetCount + " packets of " + packetSize
                    + " bytes; at least one packet of " + MIN_PACKET_SIZE + " bytes is needed");
        }
        channel.usePacketSize(packetSize);
        channel.allowInFlight(packetCount);

        List<Optional<String>> strings = new ArrayList<>();
        channel.stream(List.of(DapCommands.info(DapCommands.INFO_SERIAL),
                DapCommands.info(DapCommands.INFO_PROTOCOL_VERSION),
                DapCommands.info(DapCommands.INFO_FIRMWARE_VERSION)), (index, answer) -> {
                    strings.add(DapCommands.infoString(answer));
                    return true;
                });
        return new DapIdentity(capabilities, packetSize, packetCount, strings.get(0), strings.get(1), strings.get(2));
    }

    private static byte[] ask(DapChannel channel, int id) throws ProbeException {
        return channel.exchange(DapCommands.info(id));
    }

    private static ProbeFirmwareException missing(String what, int id) {
        return new ProbeFirmwareException(String.format("the probe reports no %s (DAP_Info 0x%02X)", what, id));
    }

    boolean supportsSwd() {
        return (capabilities & DapCommands.CAPABILITY_SWD) != 0;
    }
}
