package io.flashstation.probe.openocd;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashProgress;
import io.flashstation.probe.flash.FlashProgressListener;
import io.flashstation.probe.target.ChipIdentity;
import io.flashstation.probe.target.ChipUid;
import io.flashstation.probe.target.OptionBytesState;
import io.flashstation.probe.target.Stm32F4Family;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows one run's output line by line: the flash script's markers (phases and OpenOCD's millisecond counter at
 * each, the chip, the option register, refusals, the clock) and OpenOCD's own lines that matter to a result (bytes
 * written, the first mismatching address, error lines). Phase starts and ends become progress events as they are
 * read.
 */
final class OpenOcdOutput {

    /** {@code flash write_image}'s report (OpenOCD src/flash/nor/tcl.c). */
    private static final Pattern WROTE = Pattern.compile("^wrote (\\d+) bytes from file ");
    /** {@code verify_image}'s first difference (src/target/target.c): "diff 0 address 0x08000010. Was ...". */
    private static final Pattern DIFF = Pattern.compile("^diff \\d+ address (0x\\p{XDigit}+)\\.");
    private static final String ERROR_PREFIX = "Error: ";
    /**
     * What each driver logs once the probe itself has answered (src/jtag/drivers: stlink_usb.c "STLINK V2J37S7 ...",
     * cmsis_dap.c "CMSIS-DAP: FW Version = ...", jlink.c "Hardware version: ..." and "VTarget = ...").
     */
    private static final List<String> PROBE_ANSWERED = List.of("Info : STLINK ", "Info : CMSIS-DAP: ",
            "Info : Hardware version: ", "Info : VTarget = ");
    private static final int DEV_ID_MASK = 0xFFF;

    private final FlashProgressListener listener;
    private final long imageBytes;
    private final List<String> transcript = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final Map<FlashPhase, Long> begins = new EnumMap<>(FlashPhase.class);
    private final Map<FlashPhase, Duration> durations = new EnumMap<>(FlashPhase.class);
    private Optional<FlashPhase> current = Optional.empty();
    private Optional<FlashPhase> failed = Optional.empty();
    private Optional<FlashPhase> lastEnded = Optional.empty();
    private OptionalLong firstMs = OptionalLong.empty();
    private OptionalLong lastMs = OptionalLong.empty();
    private OptionalInt idcode = OptionalInt.empty();
    private int flashKib;
    private Optional<ChipUid> uid = Optional.empty();
    private Optional<OptionBytesState> options = Optional.empty();
    private Optional<FailureReason> refused = Optional.empty();
    private boolean unlocking;
    private boolean probeAnswered;
    private long clockKhz;
    private long bytesWritten;
    private OptionalInt firstDifference = OptionalInt.empty();

    OpenOcdOutput(FlashProgressListener listener, long imageBytes) {
        this.listener = listener;
        this.imageBytes = imageBytes;
    }

    void accept(String line) {
        transcript.add(line);
        if (line.startsWith(ScriptMarkers.PREFIX)) {
            marker(line);
        } else if (line.contains(ERROR_PREFIX)) {
            // a log line starts with it; an error raised while sourcing a file is prefixed with "file:line: "
            errors.add(line.substring(line.indexOf(ERROR_PREFIX) + ERROR_PREFIX.length()).trim());
        } else {
            openOcdReport(line);
        }
    }

    private void marker(String line) {
        Matcher m;
        if ((m = ScriptMarkers.PHASE_LINE.matcher(line)).matches()) {
            phase(m.group(1), FlashPhase.valueOf(m.group(2)), Long.parseLong(m.group(3)));
        } else if ((m = ScriptMarkers.CHIP_LINE.matcher(line)).matches()) {
            idcode = OptionalInt.of(hex(m.group(1)));
            flashKib = hex(m.group(2));
            uid = Optional.of(new ChipUid(hex(m.group(3)), hex(m.group(4)), hex(m.group(5))));
        } else if ((m = ScriptMarkers.OPTIONS_LINE.matcher(line)).matches()) {
            options = Optional.of(new OptionBytesState(hex(m.group(1))));
        } else if ((m = ScriptMarkers.REFUSED_LINE.matcher(line)).matches()) {
            refused = Optional.of(FailureReason.valueOf(m.group(1)));
        } else if ((m = ScriptMarkers.CLOCK_LINE.matcher(line)).matches()) {
            clockKhz = Long.parseLong(m.group(1));
        } else if (line.equals(ScriptMarkers.UNLOCKING_LINE)) {
            unlocking = true;
        }
    }

    private void phase(String event, FlashPhase phase, long ms) {
        if (firstMs.isEmpty()) {
            firstMs = OptionalLong.of(ms);
        }
        lastMs = OptionalLong.of(ms);
        if (event.equals(ScriptMarkers.BEGIN)) {
            begins.put(phase, ms);
            current = Optional.of(phase);
            listener.onProgress(new FlashProgress(phase, 0, 0));
            return;
        }
        Long begin = begins.get(phase);
        if (begin != null) {
            durations.merge(phase, Duration.ofMillis(ms - begin), Duration::plus);
        }
        current = Optional.empty();
        if (event.equals(ScriptMarkers.FAILED)) {
            failed = Optional.of(phase);
            return;
        }
        lastEnded = Optional.of(phase);
        if (phase == FlashPhase.PROGRAM || phase == FlashPhase.VERIFY) {
            listener.onProgress(new FlashProgress(phase, imageBytes, imageBytes));
        }
    }

    private void openOcdReport(String line) {
        if (PROBE_ANSWERED.stream().anyMatch(line::startsWith)) {
            probeAnswered = true;
        }
        Matcher m;
        if ((m = WROTE.matcher(line)).find()) {
            bytesWritten += Long.parseLong(m.group(1));
        } else if (firstDifference.isEmpty() && (m = DIFF.matcher(line)).find()) {
            firstDifference = OptionalInt.of(hex(m.group(1)));
        }
    }

    private static int hex(String value) {
        return Integer.parseUnsignedInt(value.substring(2), 16);
    }

    /** The chip as identification read it, when its DEV_ID is an F401 or F411 and F_SIZE was programmed. */
    Optional<ChipIdentity> chip() {
        if (idcode.isEmpty() || uid.isEmpty() || flashKib == 0 || flashKib == 0xFFFF) {
            return Optional.empty();
        }
        int id = idcode.getAsInt();
        return Stm32F4Family.forDevId(id & DEV_ID_MASK)
                .map(family -> new ChipIdentity(family, id >>> 16, flashKib, uid.get()));
    }

    /** DBGMCU_IDCODE as read, whatever part it names. */
    OptionalInt idcode() {
        return idcode;
    }

    int flashKib() {
        return flashKib;
    }

    /** The UID as read, even from a part we do not accept. */
    Optional<ChipUid> uid() {
        return uid;
    }

    /** FLASH_OPTCR as last read (after an RDP regression, the state it left). */
    Optional<OptionBytesState> options() {
        return options;
    }

    /** The check that stopped the run, if the script's own check did. */
    Optional<FailureReason> refused() {
        return refused;
    }

    /** Whether the script started leaving read-protection level 1. */
    boolean unlocking() {
        return unlocking;
    }

    /** Whether the probe was opened and answered, whatever became of the target. */
    boolean probeAnswered() {
        return probeAnswered;
    }

    /** The phase whose commands failed. */
    Optional<FlashPhase> failedPhase() {
        return failed;
    }

    /** The phase that had begun and neither ended nor failed when the output stopped. */
    Optional<FlashPhase> unfinishedPhase() {
        return current;
    }

    /** The last phase that completed. */
    Optional<FlashPhase> lastEnded() {
        return lastEnded;
    }

    Map<FlashPhase, Duration> durations() {
        return Map.copyOf(durations);
    }

    /** From the first phase's start to the last mark, on OpenOCD's clock. */
    Duration total() {
        return firstMs.isPresent() ? Duration.ofMillis(lastMs.getAsLong() - firstMs.getAsLong()) : Duration.ZERO;
    }

    long clockHz() {
        return clockKhz * 1000;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    OptionalInt firstDifference() {
        return firstDifference;
    }

    /** OpenOCD's error lines from "Error: " on, without it, in order. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    /** Every line, in order. */
    List<String> transcript() {
        return List.copyOf(transcript);
    }
}
