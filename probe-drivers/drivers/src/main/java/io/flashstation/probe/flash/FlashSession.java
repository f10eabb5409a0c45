package io.flashstation.probe.flash;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeIndication;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.arm.CortexM;
import io.flashstation.probe.arm.DebugPort;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.target.AddressRange;
import io.flashstation.probe.target.ByteProgress;
import io.flashstation.probe.target.ChipIdentity;
import io.flashstation.probe.target.ErasePlan;
import io.flashstation.probe.target.FlashChecks;
import io.flashstation.probe.target.FlashLoader;
import io.flashstation.probe.target.FlashOperationException;
import io.flashstation.probe.target.FlashOperationException.Kind;
import io.flashstation.probe.target.FlashProgrammer;
import io.flashstation.probe.target.FlashTiming;
import io.flashstation.probe.target.ImageSegment;
import io.flashstation.probe.target.OnTargetCrc;
import io.flashstation.probe.target.OptionBytesState;
import io.flashstation.probe.target.ProgramPlan;
import io.flashstation.probe.target.Psize;
import io.flashstation.probe.target.RoutineUnavailableException;
import io.flashstation.probe.target.Sector;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.probe.target.Stm32F4;
import io.flashstation.usb.HostClock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Runs one board through an opened probe: connect, identify, check fit and protection, plan, erase, program, verify,
 * reset and run (DESIGN.md "The flow of one board"). Never throws: every failure becomes a FAIL result with a
 * reason, and PASS is returned only after verification succeeded. Durations are taken on the probe's host clock.
 * The probe shows BUSY while a session runs; showing the verdict is the caller's, once it has recorded it.
 */
public final class FlashSession {

    /**
     * ST-Link firmware answers WAIT to the host once the target answered WAIT more than four times in a row
     * (stlink.md §7), so its memory writes cannot wait out a busy flash at full speed.
     */
    static final int FIRMWARE_MEMORY_WAIT_RETRIES = 4;

    /** Below this VREF reading nothing is powered in the fixture. */
    public static final double MIN_TARGET_VOLTS = 1.6;

    private final DebugProbe probe;
    private final FlashPolicy policy;
    private final FlashProgressListener listener;
    private final HostClock clock;
    private final Map<FlashPhase, Duration> durations = new EnumMap<>(FlashPhase.class);
    private ChipIdentity chip;
    private long swdClockHz;
    private long bytesProgrammed;
    private OptionalDouble volts = OptionalDouble.empty();
    private boolean ran;
    /** How the image was programmed and verified when it was not the default way, for the result's message. */
    private String programmedBy = "";
    private String verifiedBy = "";

    public FlashSession(DebugProbe probe, FlashPolicy policy, FlashProgressListener listener) {
        this.probe = probe;
        this.policy = policy;
        this.listener = listener;
        this.clock = probe.clock();
    }

    /** Flashes {@code image}; a session object runs once. */
    public FlashResult run(FlashImage image) {
        if (ran) {
            throw new IllegalStateException("a flash session runs once; start a new one for the next attempt");
        }
        ran = true;
        long start = clock.nanos();
        ProbeCounters before = probe.counters();
        indicate(ProbeIndication.BUSY);
        try {
            flash(image);
            return result(start, before, Optional.empty(), String.format("flashed %s %d bytes on the %s%s",
                    policy.verify() ? "and verified" : "(not verified)", image.size(), chip.partName(),
                    programmedBy + verifiedBy),
                    OptionalInt.empty());
        } catch (FlashOperationException e) {
            return failed(start, before, e, e.address());
        } catch (ProbeException | RuntimeException e) {
            return failed(start, before, e, OptionalInt.empty());
        }
    }

    private void flash(FlashImage image) throws ProbeException {
        List<ImageSegment> segments = image.segments();
        MemAp mem = phase(FlashPhase.CONNECT, this::connect);
        CortexM core = new CortexM(mem);
        Stm32F4 target = new Stm32F4(mem);
        chip = phase(FlashPhase.IDENTIFY, target::identify);
        requireAccepted(chip);
        SectorLayout layout = SectorLayout.forFlashSize(chip.flashKib());
        List<Sector> needed = sectorsNeeded(layout, image);
        Psize psize = Psize.forSupply(supplyVolts());
        ErasePlan erase = phase(FlashPhase.CHECK, () -> check(target, core, layout, segments, needed, psize));
        ProgramPlan program = ProgramPlan.of(segments, psize.access());
        FlashProgrammer programmer = new FlashProgrammer(target);
        phase(FlashPhase.ERASE, () -> {
            programmer.erase(erase, progressOf(FlashPhase.ERASE));
            return null;
        });
        phase(FlashPhase.PROGRAM, () -> {
            program(target, programmer, program, psize);
            bytesProgrammed = program.bytes();
            return null;
        });
        if (policy.verify()) {
            phase(FlashPhase.VERIFY, () -> {
                verify(mem, programmer, segments);
                return null;
            });
        }
        phase(FlashPhase.RESET, () -> {
            core.resetAndRun();
            return null;
        });
    }

    // the chip's own CRC when the policy asks for it, read-back when it does not or when the routine cannot run
    private void verify(MemAp mem, FlashProgrammer programmer, List<ImageSegment> segments) throws ProbeException {
        if (policy.onTargetCrc()) {
            try {
                new OnTargetCrc(mem).verify(segments, progressOf(FlashPhase.VERIFY), programmer);
                verifiedBy = " (on-target CRC)";
                return;
            } catch (RoutineUnavailableException e) {
                verifiedBy = " (read back: the on-target CRC could not run, " + e.getMessage() + ")";
            }
        }
        programmer.verify(segments, progressOf(FlashPhase.VERIFY));
    }

    private void requireAccepted(ChipIdentity found) throws FlashOperationException {
        if (!policy.acceptedFamilies().contains(found.family())) {
            throw new FlashOperationException(Kind.WRONG_CHIP, "the image is not for the " + found.partName()
                    + " found (accepted: " + policy.acceptedFamilies() + ")");
        }
    }

    private MemAp connect() throws ProbeException {
        long wanted = policy.swdClockHz() > 0 ? policy.swdClockHz() : probe.info().maxSwdHz();
        swdClockHz = probe.setSwdClock(wanted);
        volts = probe.targetVoltage();
        if (volts.isPresent() && volts.getAsDouble() < MIN_TARGET_VOLTS) {
            throw new NoTargetException(String.format("no powered board in the fixture (VREF %.2f V)",
                    volts.getAsDouble()));
        }
        try {
            probe.connect();
        } catch (SwdTransferException e) {
            if (e.failure() != SwdTransferException.Failure.NO_ACK) {
                throw e;
            }
            throw new NoTargetException("the debug port does not answer: no board in the fixture, or one locked "
                    + "at read-protection level 2 (" + e.getMessage() + ")");
        }
        DebugPort dp = new DebugPort(probe);
        dp.powerUp();
        MemAp mem = MemAp.cortexM4(dp);
        new CortexM(mem).resetAndHalt();
        return mem;
    }

    // through the chip's own loader when the policy asks for it, from the host when not or when the loader cannot run
    private void program(Stm32F4 target, FlashProgrammer programmer, ProgramPlan program, Psize psize)
            throws ProbeException {
        if (policy.flashLoader()) {
            try {
                new FlashLoader(target).program(program, psize, progressOf(FlashPhase.PROGRAM));
                programmedBy = " (on-target loader)";
                return;
            } catch (RoutineUnavailableException e) {
                programmedBy = " (programmed from the host: the on-target loader could not run, " + e.getMessage()
                        + ")";
            }
        }
        programAtAWireSpeedTheProbeCanPace(programmer, program, psize);
    }

    /**
     * Programs, slowing the wire first when the probe's firmware writes memory (ST-Link): it retries too few WAITs
     * to wait out a program operation at full speed. Streaming stays flash-bound as long as the slower wire still
     * moves a word within a program operation, which {@link FlashTiming#clockForLimitedWaitRetries} ensures.
     */
    private void programAtAWireSpeedTheProbeCanPace(FlashProgrammer programmer, ProgramPlan program, Psize psize)
            throws ProbeException {
        long paced = FlashTiming.clockForLimitedWaitRetries(FIRMWARE_MEMORY_WAIT_RETRIES);
        boolean slowDown = probe.memoryPort().isPresent() && swdClockHz > paced;
        if (slowDown) {
            probe.setSwdClock(paced);
        }
        try {
            programmer.program(program, psize, progressOf(FlashPhase.PROGRAM));
        } finally {
            if (slowDown) {
                probe.setSwdClock(swdClockHz);
            }
        }
    }

    // fit, protection (with the RDP regression the policy may allow), then the erase plan
    private ErasePlan check(Stm32F4 target, CortexM core, SectorLayout layout, List<ImageSegment> segments,
            List<Sector> needed, Psize psize) throws ProbeException {
        FlashChecks.requireFits(chip, layout, segments);
        OptionBytesState options = target.options();
        FlashChecks.requireWritable(chip, options, needed, policy.allowRdpRegression());
        if (options.rdpLevel() == 1) {
            target.flash().regressReadProtection();
            core.resetAndHalt();
            options = target.options();
            if (options.rdpLevel() != 0) {
                throw new FlashOperationException(Kind.READ_PROTECTED, String.format(
                        "the %s stays at read-protection level 1 after the regression (RDP 0x%02X): power-cycle it",
                        chip.partName(), options.rdpByte()));
            }
        }
        return ErasePlan.choose(layout, needed, psize, policy.allowMassErase(), options);
    }

    private static List<Sector> sectorsNeeded(SectorLayout layout, FlashImage image) {
        LinkedHashSet<Sector> needed = new LinkedHashSet<>();
        for (ImageSegment segment : image.segments()) {
            needed.addAll(layout.sectorsTouched(segment.address(), segment.length()));
        }
        for (AddressRange range : image.eraseOnly()) {
            needed.addAll(layout.sectorsTouched(range.address(), range.length()));
        }
        return List.copyOf(needed.stream().sorted(Comparator.comparingInt(Sector::index)).toList());
    }

    private double supplyVolts() {
        return volts.orElse(policy.assumedSupplyVolts());
    }

    private ByteProgress progressOf(FlashPhase phase) {
        return (done, total) -> listener.onProgress(new FlashProgress(phase, done, total));
    }

    private <T> T phase(FlashPhase phase, Step<T> step) throws ProbeException {
        listener.onProgress(new FlashProgress(phase, 0, 0));
        long start = clock.nanos();
        try {
            return step.run();
        } finally {
            durations.merge(phase, Duration.ofNanos(clock.nanos() - start), Duration::plus);
        }
    }

    private FlashResult failed(long start, ProbeCounters before, Exception failure, OptionalInt address) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return result(start, before, Optional.of(FailureClassifier.classify(failure)), message, address);
    }

    private FlashResult result(long start, ProbeCounters before, Optional<FailureReason> reason, String message,
            OptionalInt address) {
        ProbeCounters after = probe.counters();
        ProbeCounters used = new ProbeCounters(after.usbRoundTrips() - before.usbRoundTrips(),
                after.swdTransfers() - before.swdTransfers());
        return new FlashResult(reason.isEmpty() ? FlashOutcome.PASS : FlashOutcome.FAIL, reason, message,
                Optional.ofNullable(chip).map(ChipIdentity::partName),
                Optional.ofNullable(chip).map(c -> c.uid().hex()),
                chip == null ? OptionalInt.empty() : OptionalInt.of(chip.flashKib()), address, durations,
                Duration.ofNanos(clock.nanos() - start), swdClockHz, used, bytesProgrammed);
    }

    // LEDs are a courtesy: a probe that cannot show them must not change the verdict
    private void indicate(ProbeIndication indication) {
        try {
            probe.indicate(indication);
        } catch (ProbeException ignored) {
            // the verdict is carried by the result
        }
    }

    /** One phase's work. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws ProbeException;
    }
}
