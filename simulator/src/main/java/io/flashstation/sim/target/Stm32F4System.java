package io.flashstation.sim.target;

import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.time.TimingProfile;
import io.flashstation.sim.time.VirtualClock;

import java.util.Arrays;
import java.util.List;

/**
 * The system bus of a virtual STM32F411CE (or F401) as a debugger's AHB-AP sees it: the memory map of
 * stm32f411-target.md §2 with main flash and its interface, OTP, system memory, UID, F_SIZE, option bytes, SRAM,
 * RCC and DBGMCU; the rest of the Cortex-M4 private peripheral bus goes to the core's debug block.
 * <p>
 * Unmapped addresses and misaligned accesses answer a bus error. Writes to system memory, the UID/F_SIZE block and
 * the option-byte area answer a bus error too (they are read-only; option bytes change through FLASH_OPTCR).
 * System memory reads as 0xFF: the ROM bootloader is not modelled, BOOT0 is taken as 0 and the boot alias at
 * 0x00000000 always shows main flash. SRAM keeps its content across a system reset and powers up holding
 * noise seeded by the UID (see {@code Sram}); F401 parts have 64 or 96 KiB of it rather than the F411's 128 KiB.
 */
public final class Stm32F4System implements SystemBus {

    private static final long SYSTEM_MEMORY_BASE = 0x1FFF_0000L;
    private static final int SYSTEM_MEMORY_SIZE = 0x7800;
    private static final long SIGNATURE_BASE = 0x1FFF_7A10L;
    private static final int SIGNATURE_SIZE = 0x14;
    private static final int F_SIZE_OFFSET = 0x12;
    private static final long OPTION_BYTES_BASE = 0x1FFF_C000L;
    private static final long RCC_BASE = 0x4002_3800L;
    private static final long FLASH_INTERFACE_BASE = 0x4002_3C00L;
    private static final int FLASH_INTERFACE_SIZE = 0x400;
    private static final long DBGMCU_BASE = 0xE004_2000L;
    private static final long PPB_BASE = 0xE000_0000L;
    private static final int PPB_SIZE = 0x10_0000;

    private final ChipVariant variant;
    private final byte[] uid;
    private final VirtualClock clock;
    private final Runnable powerLoss;
    private final FlashInterface flash;
    private final Sram sram;
    private final RccRegisters rcc = new RccRegisters();
    private final DbgMcu dbgmcu;
    private final List<MappedRegion> memoryMap;

    /**
     * A chip with erased flash and factory option bytes, just powered up.
     *
     * @param uid                   the 12 bytes of the unique ID, in memory order
     * @param clock                 the board's clock; the chip reads it and never advances it
     * @param privatePeripheralBus  the core's debug block: 0xE0000000–0xE00FFFFF except DBGMCU, absolute addresses
     * @param powerLoss             told when a brownout cuts the supply, before the power-on reset that follows
     */
    public Stm32F4System(ChipVariant variant, byte[] uid, VirtualClock clock, TimingProfile timing, FaultPlan faults,
                         AhbBus privatePeripheralBus, Runnable powerLoss) {
        UniqueId.requireLength(uid);
        this.variant = variant;
        this.uid = uid.clone();
        this.clock = clock;
        this.powerLoss = powerLoss;
        this.flash = new FlashInterface(variant, timing, faults, this::brownout);
        this.sram = new Sram(variant, uid);
        this.dbgmcu = new DbgMcu(variant);
        this.memoryMap = memoryMap(signatureBlock(), privatePeripheralBus);
        powerOnReset();
    }

    private byte[] signatureBlock() {
        byte[] block = new byte[SIGNATURE_SIZE];
        Arrays.fill(block, (byte) 0xFF); // bytes between the UID and F_SIZE are reserved (§4)
        System.arraycopy(uid, 0, block, 0, UniqueId.BYTES);
        LittleEndian.write(block, F_SIZE_OFFSET, AccessSize.HALFWORD, variant.flashKib());
        return block;
    }

    // First match wins: DBGMCU sits inside the PPB window.
    private List<MappedRegion> memoryMap(byte[] signature, AhbBus ppb) {
        int flashBytes = variant.flashBytes();
        int otpBytes = flash.otpSize();
        return List.of(
                new MappedRegion(0, flashBytes, flash::readMain, flash::writeMain),
                new MappedRegion(FlashInterface.MAIN_FLASH_BASE, flashBytes, flash::readMain, flash::writeMain),
                new MappedRegion(SYSTEM_MEMORY_BASE, SYSTEM_MEMORY_SIZE,
                        (offset, size, now) -> BusResponse.okay(size.mask(), now), MappedRegion.READ_ONLY),
                new MappedRegion(FlashInterface.OTP_BASE, otpBytes, flash::readOtp, flash::writeOtp),
                new MappedRegion(SIGNATURE_BASE, SIGNATURE_SIZE,
                        (offset, size, now) -> BusResponse.okay(LittleEndian.read(signature, offset, size), now),
                        MappedRegion.READ_ONLY),
                new MappedRegion(OPTION_BYTES_BASE, OptionBytes.SIZE,
                        (offset, size, now) -> BusResponse.okay(LittleEndian.read(
                                flash.options().committed()::byteAt, offset, size), now),
                        MappedRegion.READ_ONLY),
                new MappedRegion(Sram.BASE, sram.size(), sram::read, sram::write),
                new MappedRegion(RCC_BASE, RccRegisters.SIZE, rcc::read, rcc::write),
                new MappedRegion(FLASH_INTERFACE_BASE, FLASH_INTERFACE_SIZE, flash::readRegister, flash::writeRegister),
                new MappedRegion(DBGMCU_BASE, DbgMcu.SIZE, dbgmcu::read, dbgmcu::write),
                // the core's own registers answer within the access, whoever issues it and whenever
                new MappedRegion(PPB_BASE, PPB_SIZE,
                        (offset, size, now) -> at(now, ppb.read((int) PPB_BASE + offset, size)),
                        (offset, size, value, now) -> at(now, ppb.write((int) PPB_BASE + offset, size, value))));
    }

    private static BusResponse at(long now, BusResponse response) {
        return new BusResponse(response.ok(), response.data(), now);
    }

    @Override
    public synchronized BusResponse read(int address, AccessSize size) {
        return readFromRegion(decode(address, size), address, size, clock.nanos());
    }

    @Override
    public BusResponse write(int address, AccessSize size, int value) {
        return writeAt(address, size, value, clock.nanos());
    }

    @Override
    public synchronized BusResponse readAt(int address, AccessSize size, long atNanos) {
        MappedRegion region = decode(address, size);
        BusResponse response = readFromRegion(region, address, size, atNanos);
        if (region == null || region.base() > FlashInterface.MAIN_FLASH_BASE || flash.waitStates() == 0) {
            return response;
        }
        // the core reads the flash array (and its alias at 0) after LATENCY HCLK cycles; the AHB-AP's reads are
        // dominated by the wire and are not charged them
        long waited = response.readyAtNanos() + VirtualClock.bitTime(flash.waitStates(), rcc.hclkHz());
        return new BusResponse(response.ok(), response.data(), waited);
    }

    private static BusResponse readFromRegion(MappedRegion region, int address, AccessSize size, long atNanos) {
        return region == null ? BusResponse.error(atNanos)
                : region.reader().read(offsetIn(region, address), size, atNanos);
    }

    @Override
    public synchronized BusResponse writeAt(int address, AccessSize size, int value, long atNanos) {
        MappedRegion region = decode(address, size);
        return region == null ? BusResponse.error(atNanos)
                : region.writer().write(offsetIn(region, address), size, value & size.mask(), atNanos);
    }

    @Override
    public synchronized long coreClockHz() {
        return rcc.hclkHz();
    }

    private MappedRegion decode(int address, AccessSize size) {
        if (address % size.bytes() != 0) {
            return null;
        }
        long unsigned = Integer.toUnsignedLong(address);
        for (MappedRegion region : memoryMap) {
            if (region.contains(unsigned)) {
                return region;
            }
        }
        return null;
    }

    private static int offsetIn(MappedRegion region, int address) {
        return (int) (Integer.toUnsignedLong(address) - region.base());
    }

    // --- resets and power ------------------------------------------------------------------------

    /**
     * A system reset (SYSRESETREQ, NRST): the flash interface and RCC go back to their reset values and FLASH_OPTCR
     * and the enforced option bytes are reloaded from the committed ones; SRAM, DBGMCU and the flash array are kept.
     * A flash operation in progress stops where it got to.
     */
    public synchronized void systemReset() {
        flash.reset(clock.nanos());
        rcc.reset();
    }

    /** Power-on reset: a system reset that also clears DBGMCU and leaves SRAM holding power-up noise. */
    public synchronized void powerOnReset() {
        systemReset();
        dbgmcu.powerOnReset();
        sram.powerUp();
    }

    // A brownout during a flash operation: the board loses power first, then the chip comes back from a power-on reset.
    private void brownout() {
        powerLoss.run();
        powerOnReset();
    }

    /** Whether a debugger is connected, which at RDP level 1 blocks main flash (§7.2). */
    public synchronized void setDebuggerAttached(boolean attached) {
        flash.setDebuggerAttached(attached);
    }

    /** The RDP level the chip enforces: the one loaded from the option bytes at the last reset (0, 1 or 2). */
    public synchronized int rdpLevel() {
        return flash.options().effective().rdpLevel();
    }

    public ChipVariant variant() {
        return variant;
    }

    public byte[] uid() {
        return uid.clone();
    }

    /** The UID as 24 upper-case hex digits, word 0 first (see {@link UniqueId}). */
    public String uidHex() {
        return UniqueId.toHex(uid);
    }

    /** Completed flash operations so far (an operation still running is not counted). */
    public synchronized FlashStats stats() {
        flash.settle(clock.nanos());
        return flash.sequencer().stats();
    }

    /** Continues the counters of a board restored from saved state. */
    public synchronized void restoreStats(FlashStats stats) {
        flash.sequencer().restoreStats(stats);
    }

    /** A copy of main flash as its cells hold it (stuck-cell faults are not applied). */
    public synchronized byte[] flashImage() {
        flash.settle(clock.nanos());
        return flash.main().image();
    }

    public synchronized void loadFlashImage(byte[] image) {
        flash.main().load(image);
    }

    /** The 16 committed option bytes, as at 0x1FFFC000. */
    public synchronized byte[] optionBytes() {
        flash.settle(clock.nanos());
        return flash.options().committed().toBytes();
    }

    /** Replaces the option bytes as if the chip had been programmed while unpowered, then powers it up. */
    public synchronized void loadOptionBytes(byte[] optionBytes) {
        flash.options().replaceCommitted(OptionBytes.of(optionBytes));
        powerOnReset();
    }

    /** Factory option bytes with RDP byte {@code rdpByte} (0xAA level 0, 0xCC level 2, anything else level 1). */
    public static byte[] optionBytesWithRdp(int rdpByte) {
        return OptionBytes.factoryDefault().withRdp(rdpByte).toBytes();
    }

    /** The virtual instant BSY clears (in the past when the flash is idle). */
    public synchronized long busyUntilNanos() {
        return flash.busyUntil();
    }
}
