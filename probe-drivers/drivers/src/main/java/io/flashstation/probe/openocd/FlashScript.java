package io.flashstation.probe.openocd;

import static io.flashstation.probe.openocd.ScriptMarkers.BEGIN;
import static io.flashstation.probe.openocd.ScriptMarkers.CHIP;
import static io.flashstation.probe.openocd.ScriptMarkers.CLOCK;
import static io.flashstation.probe.openocd.ScriptMarkers.END;
import static io.flashstation.probe.openocd.ScriptMarkers.FAILED;
import static io.flashstation.probe.openocd.ScriptMarkers.OPTIONS;
import static io.flashstation.probe.openocd.ScriptMarkers.PREFIX;
import static io.flashstation.probe.openocd.ScriptMarkers.REFUSED;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.target.FlashController;
import io.flashstation.probe.target.FlashTiming;
import io.flashstation.probe.target.ImageSegment;
import io.flashstation.probe.target.OptionBytesState;
import io.flashstation.probe.target.Psize;
import io.flashstation.probe.target.Sector;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.probe.target.Stm32F4;
import io.flashstation.probe.target.Stm32F4Family;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The Tcl OpenOCD runs after its configuration, one {@code -c} command per step: connect, identify (DEV_ID, F_SIZE,
 * UID), check (accepted part, fit, read and write protection, with the RDP regression the policy may allow), erase
 * the sectors the image touches (or the whole chip where that is allowed and quicker), program, verify, reset and
 * run. Each step is wrapped so that it echoes {@link ScriptMarkers} lines with OpenOCD's millisecond counter, and the
 * checks stop the run before anything is erased. Pure: it only builds text.
 */
final class FlashScript {

    /** The largest flash of the parts we accept (F401xE / F411xE); the check refuses images beyond the real size. */
    static final int LARGEST_FLASH_KIB = 512;

    /** OpenOCD's first flash bank in stm32f4x.cfg: main flash. */
    private static final int MAIN_BANK = 0;

    /** Runs a phase's body at global scope, marks its start, end or failure, and prints what its commands said. */
    private static final String STEP_PROC = "proc fs_step {phase body} {\n"
            + "  echo \"" + PREFIX + " " + BEGIN + " $phase [ms]\"\n"
            + "  if {[catch {uplevel #0 $body} result]} {\n"
            + "    echo \"" + PREFIX + " " + FAILED + " $phase [ms]\"\n"
            + "    error $result\n"
            + "  }\n"
            + "  if {$result ne \"\"} { echo $result }\n"
            + "  echo \"" + PREFIX + " " + END + " $phase [ms]\"\n"
            + "}";
    private static final String REFUSE_PROC = "proc fs_refuse {reason} {\n"
            + "  echo \"" + PREFIX + " " + REFUSED + " $reason\"\n"
            + "  error \"flash-station refused to go on: $reason\"\n"
            + "}";
    private static final String WORD_PROC = "proc fs_word {address} { return [lindex [read_memory $address 32 1] 0] }";
    private static final String OPTIONS_PROC = "proc fs_options {} {\n"
            + "  set ::fs_optcr [fs_word " + hex(FlashController.OPTCR) + "]\n"
            + "  echo \"" + PREFIX + " " + OPTIONS + " optcr $::fs_optcr\"\n"
            + "}";

    private FlashScript() {
    }

    /** The commands for flashing {@code image} (already written to {@code file}) under {@code policy}. */
    static List<String> commands(FlashPolicy policy, FlashImage image, ImageFile file) {
        List<String> commands = new ArrayList<>();
        commands.add(STEP_PROC);
        commands.add(REFUSE_PROC);
        commands.add(WORD_PROC);
        commands.add(OPTIONS_PROC);
        commands.add(haltProc(policy));
        commands.add(step(FlashPhase.CONNECT, "init; fs_halt"));
        commands.add(step(FlashPhase.IDENTIFY, identify()));
        commands.add(step(FlashPhase.CHECK, check(policy, image)));
        commands.add(step(FlashPhase.ERASE, erase(policy, image)));
        commands.add(step(FlashPhase.PROGRAM, "flash write_image " + file.tclArguments()));
        if (policy.verify()) {
            commands.add(step(FlashPhase.VERIFY, "verify_image " + file.tclArguments()));
        }
        commands.add(step(FlashPhase.RESET, "reset run"));
        commands.add("shutdown");
        return commands;
    }

    /**
     * The commands that only look at the board: connect without a reset (a running board keeps running) and read
     * what identifies it.
     */
    static List<String> lookCommands() {
        return List.of(STEP_PROC, WORD_PROC, step(FlashPhase.CONNECT, "init"), step(FlashPhase.IDENTIFY, identify()),
                "shutdown");
    }

    /**
     * The sectors {@code image} touches on the largest accepted part, in order. On a smaller part the check refuses
     * an image that does not fit before these are used.
     */
    static List<Sector> sectorsTouched(FlashImage image) {
        SectorLayout layout = SectorLayout.forFlashSize(LARGEST_FLASH_KIB);
        TreeSet<Integer> indices = new TreeSet<>();
        for (ImageSegment segment : image.segments()) {
            layout.sectorsTouched(segment.address(), segment.length()).forEach(s -> indices.add(s.index()));
        }
        return indices.stream().map(i -> layout.sectors().get(i)).toList();
    }

    /**
     * Halts through a reset, then sets the policy's clock: stm32f4x.cfg's reset-start handler drops the adapter to
     * 2 MHz on every reset, so a clock set before the reset would not last. A policy clock of 0 keeps the target
     * configuration's choice.
     */
    private static String haltProc(FlashPolicy policy) {
        String clock = policy.swdClockHz() > 0
                ? "adapter speed " + Math.max(1, policy.swdClockHz() / 1000) + "; " : "";
        return "proc fs_halt {} { reset halt; " + clock + "echo \"" + PREFIX + " " + CLOCK + " [adapter speed]\" }";
    }

    private static String identify() {
        return "set ::fs_idcode [fs_word " + hex(Stm32F4.DBGMCU_IDCODE) + "]; "
                + "set ::fs_fsize [lindex [read_memory " + hex(Stm32F4.F_SIZE) + " 16 1] 0]; "
                + "echo \"" + PREFIX + " " + CHIP + " idcode $::fs_idcode flash-kib $::fs_fsize uid "
                + "[read_memory " + hex(Stm32F4.UID_BASE) + " 32 3]\"";
    }

    private static String check(FlashPolicy policy, FlashImage image) {
        String devIds = policy.acceptedFamilies().stream().map(Stm32F4Family::devId).sorted()
                .map(String::valueOf).collect(Collectors.joining(" "));
        List<String> lines = new ArrayList<>();
        lines.add("if {[lsearch -exact {" + devIds + "} [expr {$::fs_idcode & 0xfff}]] < 0} { "
                + refuse(FailureReason.WRONG_CHIP) + " }");
        lines.add("if {$::fs_fsize == 0 || $::fs_fsize == 0xffff} { " + refuse(FailureReason.WRONG_CHIP) + " }");
        lines.add(fitCheck(image));
        lines.add("fs_options");
        lines.add("if {(($::fs_optcr >> 8) & 0xff) != " + hex(OptionBytesState.RDP_LEVEL_0) + "} { "
                + (policy.allowRdpRegression() ? regression() : refuse(FailureReason.READ_PROTECTED)) + " }");
        lines.add(writeProtectionCheck(sectorsTouched(image)));
        return String.join("; ", lines);
    }

    private static String fitCheck(FlashImage image) {
        List<ImageSegment> segments = image.segments();
        long start = Integer.toUnsignedLong(segments.get(0).address());
        if (start < SectorLayout.FLASH_BASE) {
            return refuse(FailureReason.IMAGE_TOO_LARGE);
        }
        long end = segments.stream().mapToLong(ImageSegment::end).max().orElseThrow();
        return "if {$::fs_fsize * 1024 < " + (end - SectorLayout.FLASH_BASE) + "} { "
                + refuse(FailureReason.IMAGE_TOO_LARGE) + " }";
    }

    /**
     * Leaves RDP level 1 the way the tutorial does ({@code stm32f2x unlock}, which mass-erases the chip), reloads
     * the option bytes through a reset, and refuses when the level stays (stm32f411-target.md §7.2).
     */
    private static String regression() {
        return "echo \"" + ScriptMarkers.UNLOCKING_LINE + "\"; stm32f2x unlock " + MAIN_BANK + "; fs_halt; fs_options; "
                + "if {(($::fs_optcr >> 8) & 0xff) != " + hex(OptionBytesState.RDP_LEVEL_0) + "} { "
                + refuse(FailureReason.READ_PROTECTED) + " }";
    }

    /**
     * A sector refuses writes when its nWRP bit equals SPRMOD (bit 31): cleared without PCROP, set with it
     * (stm32f411-target.md §7.3), which {@code OptionBytesState.writeProtected} decides the same way. Also notes
     * whether any sector of the chip is protected: F_SIZE / 128 + 4 sectors (four of 16 KiB, one of 64 KiB, then
     * 128 KiB ones, §3).
     */
    private static String writeProtectionCheck(List<Sector> needed) {
        int mask = needed.stream().mapToInt(s -> 1 << s.index()).reduce(0, (a, b) -> a | b);
        return "set fs_wrp [expr {($::fs_optcr >> 16) & 0xfff}]; "
                + "if {(($::fs_optcr >> 31) & 1) == 0} { set fs_wrp [expr {~$fs_wrp & 0xfff}] }; "
                + "set ::fs_wrp_any [expr {$fs_wrp & ((1 << ($::fs_fsize / 128 + 4)) - 1)}]; "
                + "if {$fs_wrp & " + hex(mask) + "} { " + refuse(FailureReason.WRITE_PROTECTED) + " }";
    }

    /**
     * OpenOCD's stm32f2x driver erases sectors and the whole chip with PSIZE x8 (openocd-recipes.md "What these
     * recipes cost"; OpenOCD src/flash/nor/stm32f2x.c writes SER or MER without PSIZE bits).
     */
    static final Psize OPENOCD_ERASE_PSIZE = Psize.X8;

    /**
     * Each run of consecutive sectors the image touches, or, where the policy allows a mass erase and it is quicker
     * than those sector erases (the native rule, ErasePlan: TIMING.md §5), the whole chip as the tutorial's
     * {@code erase_sector 0 0 last} does. A chip with any write-protected sector refuses a mass erase, so the script
     * falls back to the sector erases there (the check already refused protection on the sectors the image needs).
     */
    private static String erase(FlashPolicy policy, FlashImage image) {
        List<Sector> sectors = sectorsTouched(image);
        if (sectors.isEmpty()) {
            return ""; // the image lies beyond flash, which the check refuses before this step
        }
        String sectorErase = sectorErase(sectors);
        if (!massEraseQuicker(policy, sectors)) {
            return sectorErase;
        }
        return "if {$::fs_wrp_any} { " + sectorErase + " } else { stm32f2x mass_erase " + MAIN_BANK + " }";
    }

    /** Whether the erase step would mass-erase a chip with no write-protected sector. */
    static boolean massEraseQuicker(FlashPolicy policy, List<Sector> needed) {
        long sectorNanos = needed.stream()
                .mapToLong(s -> FlashTiming.typicalSectorEraseNanos(s, OPENOCD_ERASE_PSIZE)).sum();
        return policy.allowMassErase() && FlashTiming.typicalMassEraseNanos(OPENOCD_ERASE_PSIZE) < sectorNanos;
    }

    private static String sectorErase(List<Sector> sectors) {
        List<String> runs = new ArrayList<>();
        int first = sectors.get(0).index();
        int last = first;
        for (Sector sector : sectors.subList(1, sectors.size())) {
            if (sector.index() != last + 1) {
                runs.add(eraseRun(first, last));
                first = sector.index();
            }
            last = sector.index();
        }
        runs.add(eraseRun(first, last));
        return String.join("; ", runs);
    }

    private static String eraseRun(int first, int last) {
        return "flash erase_sector " + MAIN_BANK + " " + first + " " + last;
    }

    private static String step(FlashPhase phase, String body) {
        return "fs_step " + phase.name() + " {" + body + "}";
    }

    private static String refuse(FailureReason reason) {
        return "fs_refuse " + reason.name();
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}
