package io.flashstation.sim.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.StlinkServer;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.usb.VirtualUsbBus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenOCD 0.12.0 binary flashes virtual boards through virtual ST-Links served by {@link StlinkServer}:
 * the recipes of openocd-recipes.md (hla) and the dapdirect equivalent, both with WORKAREASIZE 0 (OpenOCD writes
 * flash half-word by half-word from the host, stm32f411-target.md §12.4) and with the default work area, where
 * OpenOCD's flash loader and CRC32 routine run on the virtual core.
 */
class OpenOcdFlashesVirtualBoardsTest {

    private static final String V2_SERIAL = "0668FF505271754867183630";
    private static final String V21_SERIAL = "066BFF485550755187134826";
    private static final String V3_SERIAL = "002F00183438510B34313939";
    private static final byte[] CLONE_SERIAL =
            {0x55, (byte) 0xFF, 0x6C, 0x06, 0x49, (byte) 0x83, 0x51, 0x53, 0x22, 0x41, 0x10, (byte) 0x87};
    /** What stlink-server reports for the clones' binary serial, and what `adapter serial` must name. */
    private static final String CLONE_SERIAL_FIXED = "55FF6C064983515322411087";

    private final VirtualUsbBus bus = new VirtualUsbBus();
    private StlinkServer server;
    private final List<VirtualBoard> boards = new ArrayList<>();
    private int nextPort = 1;

    @TempDir
    Path work;

    @BeforeEach
    void startServer() throws IOException {
        server = new StlinkServer(bus, 0).start();
    }

    @AfterEach
    void stopServer() {
        server.close();
        bus.close();
    }

    private VirtualBoard plugProbeWithBoard(StlinkModel model, String serial, ChipVariant chip, int seed, int rdp) {
        VirtualBoard board = LabBoards.board(chip, LabBoards.uid(seed), rdp);
        boards.add(board);
        Fixture fixture = new Fixture();
        fixture.insert(board);
        bus.plug(new VirtualStlink(model, serial, fixture), "1-" + nextPort++);
        return board;
    }

    private List<String> hla(String serial, String commands) {
        return List.of("-f", "interface/stlink.cfg",
                "-c", "hla_stlink_backend tcp " + server.port(),
                "-c", OpenOcdProcess.NO_SERVER_PORTS,
                "-c", "adapter serial " + serial,
                "-c", "transport select hla_swd",
                "-c", "set WORKAREASIZE 0",
                "-f", "target/stm32f4x.cfg",
                "-c", commands);
    }

    /** openocd-recipes.md §3 as the tutorial has it: stm32f4x.cfg's default 32 KiB work area at 0x20000000. */
    private List<String> hlaWithWorkArea(String serial, String commands) {
        return List.of("-f", "interface/stlink.cfg",
                "-c", "hla_stlink_backend tcp " + server.port(),
                "-c", OpenOcdProcess.NO_SERVER_PORTS,
                "-c", "adapter serial " + serial,
                "-c", "transport select hla_swd",
                "-f", "target/stm32f4x.cfg",
                "-c", commands);
    }

    private List<String> dapdirect(String serial, String commands) {
        return List.of("-f", "interface/stlink-dap.cfg",
                "-c", "st-link backend tcp " + server.port(),
                "-c", OpenOcdProcess.NO_SERVER_PORTS,
                "-c", "adapter serial " + serial,
                "-c", "transport select dapdirect_swd",
                "-c", "set WORKAREASIZE 0",
                "-f", "target/stm32f4x.cfg",
                "-c", commands);
    }

    private Path image(String name, byte[] content) throws IOException {
        Path file = work.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] randomImage(int size, long seed) {
        byte[] image = new byte[size];
        new Random(seed).nextBytes(image);
        return image;
    }

    private static void assertFlashHolds(VirtualBoard board, byte[] image) {
        byte[] flash = board.chip().flashImage();
        assertThat(Arrays.copyOf(flash, image.length)).isEqualTo(image);
        for (int i = image.length; i < flash.length; i++) {
            if (flash[i] != (byte) 0xFF) {
                throw new AssertionError(String.format("flash byte 0x%X after the image is 0x%02X, not erased",
                        i, flash[i] & 0xFF));
            }
        }
    }

    // openocd-recipes.md §3 (hla): erase every sector, write_bank an odd-sized image (odd tail byte goes x8)
    @Test
    void hlaRecipeWritesAnOddSizedImage() throws Exception {
        VirtualBoard board = plugProbeWithBoard(StlinkModel.V2, V2_SERIAL, ChipVariant.STM32F411CE, 1,
                LabBoards.RDP_LEVEL_0);
        plugProbeWithBoard(StlinkModel.V3, V3_SERIAL, ChipVariant.STM32F411CE, 2, LabBoards.RDP_LEVEL_0);
        byte[] content = randomImage(5_001, 11);
        Path image = image("odd.bin", content);

        OpenOcdProcess.Result run = OpenOcdProcess.run(hla(V2_SERIAL,
                "init; reset halt; flash erase_sector 0 0 last; flash write_bank 0 " + image + " 0; reset; exit"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("STLINK V2J37S7")
                .contains("falling back to single memory accesses"); // WORKAREASIZE 0: no loader on the core
        assertFlashHolds(board, content);
        assertThat(boards.get(1).chip().flashImage()).as("the other probe's board").containsOnly((byte) 0xFF);
    }

    // openocd-recipes.md §3 with the CircuitPython-layout image (434,176 bytes, all eight sectors)
    @Test
    void hlaRecipeWritesTheCircuitPythonLayoutImage() throws Exception {
        VirtualBoard board = plugProbeWithBoard(StlinkModel.V2_1, V21_SERIAL, ChipVariant.STM32F411CE, 3,
                LabBoards.RDP_LEVEL_0);
        byte[] content;
        try (InputStream in = getClass().getResourceAsStream("/circuitpython-layout-424k.bin")) {
            content = in.readAllBytes();
        }
        Path image = image("circuitpython-layout-424k.bin", content);

        OpenOcdProcess.Result run = OpenOcdProcess.run(hla(V21_SERIAL,
                "init; reset halt; flash erase_sector 0 0 last; flash write_bank 0 " + image + " 0; reset; exit"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(content).hasSize(434_176);
        assertFlashHolds(board, content);
        // TIMING.md §5 and images/README.md: the floor for this image through an ST-Link V2-1 is 6.99 s, and
        // OpenOCD's x8 sector erases alone take 8.8 s; a lower figure means something went uncharged
        double virtualSeconds = board.counters().virtualNanos() / 1e9;
        assertThat(virtualSeconds).isGreaterThan(0.98 * 6.99);
        System.out.printf("CircuitPython-layout image through OpenOCD hla, ST-Link V2-1: %.2f virtual s%n",
                virtualSeconds);
    }

    // openocd-recipes.md §3 with the default work area: the stm32f2x loader runs on the virtual core
    // (stm32f411-target.md §12.4), so none of the fallback warnings of the WORKAREASIZE 0 runs appear
    @Test
    void hlaRecipeWithTheDefaultWorkAreaRunsOpenOcdsFlashLoaderOnTheCore() throws Exception {
        VirtualBoard board = plugProbeWithBoard(StlinkModel.V2, V2_SERIAL, ChipVariant.STM32F411CE, 8,
                LabBoards.RDP_LEVEL_0);
        byte[] content = circuitPythonLayoutImage();
        Path image = image("circuitpython-layout-424k.bin", content);

        OpenOcdProcess.Result run = OpenOcdProcess.run(hlaWithWorkArea(V2_SERIAL,
                "init; reset halt; flash erase_sector 0 0 last; flash write_bank 0 " + image + " 0; reset; exit"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output()).doesNotContain("falling back", "working area",
                "error executing stm32x flash write algorithm", "timeout waiting for algorithm");
        assertFlashHolds(board, content);
        double virtualSeconds = board.counters().virtualNanos() / 1e9;
        // TIMING.md §5: the floor for this image through an ST-Link V2 is 6.99 s; OpenOCD's x8 erases alone take
        // 8.8 s (§12.3), and the loader programs 217,088 half-words at 16 µs each (3.5 s)
        assertThat(virtualSeconds).isGreaterThan(8.8 + 3.47);
        System.out.printf("CircuitPython-layout image through OpenOCD hla with its flash loader, ST-Link V2: "
                + "%.2f virtual s%n", virtualSeconds);
    }

    // openocd-recipes.md §1/§2 (J-Link, CMSIS-DAP) run through an ST-Link V2 with the default work area: the
    // write goes through the loader and `program … verify`'s verify_image through the on-target CRC32
    // (stm32f411-target.md §12.4, §12.5)
    @Test
    void tutorialProgramAndVerifyRecipeUsesTheOnTargetLoaderAndChecksum() throws Exception {
        VirtualBoard board = plugProbeWithBoard(StlinkModel.V2, V2_SERIAL, ChipVariant.STM32F411CE, 9,
                LabBoards.RDP_LEVEL_0);
        byte[] content = circuitPythonLayoutImage();
        Path image = image("circuitpython-layout-424k.bin", content);

        OpenOcdProcess.Result run = OpenOcdProcess.run(hlaWithWorkArea(V2_SERIAL,
                "init; reset init; stm32f4x unlock 0; reset halt; flash erase_sector 0 0 last; sleep 100; "
                        + "reset init; program " + image + " verify 0x8000000; reset; exit"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output()).contains("** Verified OK **")
                .doesNotContain("falling back", "working area", "error executing", "checksum mismatch");
        assertFlashHolds(board, content);
        System.out.printf("CircuitPython-layout image, tutorial program+verify recipe through OpenOCD hla with its "
                + "loader and CRC, ST-Link V2: %.2f virtual s%n", board.counters().virtualNanos() / 1e9);
    }

    // the on-target CRC is really computed by the core: a flash word that differs from the image fails verify
    @Test
    void verifyImageOnTheCoreCatchesADifferingWord() throws Exception {
        VirtualBoard board = plugProbeWithBoard(StlinkModel.V2_1, V21_SERIAL, ChipVariant.STM32F411CE, 10,
                LabBoards.RDP_LEVEL_0);
        byte[] content = randomImage(4_096, 55);
        byte[] flash = Arrays.copyOf(content, ChipVariant.STM32F411CE.flashBytes());
        Arrays.fill(flash, content.length, flash.length, (byte) 0xFF);
        flash[1234] ^= 0x10;
        board.chip().loadFlashImage(flash);
        Path image = image("app.bin", content);

        OpenOcdProcess.Result run = OpenOcdProcess.run(hlaWithWorkArea(V21_SERIAL,
                "init; reset init; verify_image " + image + " 0x8000000; exit"));

        assertThat(run.output()).as(run.output()).contains("checksum mismatch - attempting binary compare")
                .contains("diff 0 address 0x080004d2")
                .doesNotContain("working area", "error executing");
    }

    private byte[] circuitPythonLayoutImage() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/circuitpython-layout-424k.bin")) {
            return in.readAllBytes();
        }
    }

    // dapdirect_swd: unlock, erase, program with verify (stlink.md §9.3); the verify reads flash back
    @Test
    void dapdirectProgramsAndVerifies() throws Exception {
        VirtualBoard board = plugProbeWithBoard(StlinkModel.V3, V3_SERIAL, ChipVariant.STM32F411CE, 4,
                LabBoards.RDP_LEVEL_0);
        byte[] content = randomImage(3_333, 22);
        Path image = image("app.bin", content);

        OpenOcdProcess.Result run = OpenOcdProcess.run(dapdirect(V3_SERIAL,
                "init; reset init; stm32f4x unlock 0; reset halt; flash erase_sector 0 0 last; program " + image
                        + " verify 0x8000000; reset; exit"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("** Verified OK **");
        assertFlashHolds(board, content);
    }

    // stm32f411-target.md flash layout: 8 sectors / 512 KiB (F411CE), 6 sectors / 256 KiB (F401CC); UID at 0x1FFF7A10
    @Test
    void flashInfoAndUniqueIdMatchTheBoardSelectedBySerial() throws Exception {
        VirtualBoard f411 = plugProbeWithBoard(StlinkModel.V2_CLONE, VirtualStlink.binarySerial(CLONE_SERIAL),
                ChipVariant.STM32F411CE, 5, LabBoards.RDP_LEVEL_0);
        VirtualBoard f401 = plugProbeWithBoard(StlinkModel.V2_1, V21_SERIAL, ChipVariant.STM32F401CC, 6,
                LabBoards.RDP_LEVEL_0);
        // commands given with -c return their text as a Tcl result; echo prints it
        String commands = "init; reset halt; echo [flash info 0]; echo [mdw 0x1FFF7A10 3]; exit";

        // the clone's J29 firmware predates AP/CSW-aware memory commands: dapdirect goes through DAP registers
        OpenOcdProcess.Result first = OpenOcdProcess.run(dapdirect(CLONE_SERIAL_FIXED, commands));
        OpenOcdProcess.Result second = OpenOcdProcess.run(hla(V21_SERIAL, commands));

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("STLINK V2J29S7")
                .contains("#0 : stm32f2x at 0x08000000, size 0x00080000")
                .contains("#  7: 0x00060000 (0x20000 128kB)")
                .contains("0x1fff7a10: " + uidWords(f411));
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).contains("#0 : stm32f2x at 0x08000000, size 0x00040000")
                .contains("#  5: 0x00020000 (0x20000 128kB)")
                .doesNotContain("#  6:")
                .contains("0x1fff7a10: " + uidWords(f401));
    }

    // stm32f411-target.md option bytes: leaving RDP level 1 mass-erases the flash
    @Test
    void unlockingALevelOneBoardErasesItAndLeavesLevelZero() throws Exception {
        VirtualBoard board = plugProbeWithBoard(StlinkModel.V2, V2_SERIAL, ChipVariant.STM32F411CE, 7,
                LabBoards.RDP_LEVEL_1);
        board.chip().loadFlashImage(randomImage(ChipVariant.STM32F411CE.flashBytes(), 33));
        assertThat(board.chip().rdpLevel()).isEqualTo(1);

        // as the tutorial does: halt first; the locked flash hides the vectors, so the core halts at 0xFFFFFFFE
        OpenOcdProcess.Result run = OpenOcdProcess.run(hla(V2_SERIAL,
                "init; reset halt; stm32f2x unlock 0; reset; exit"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("pc: 0xfffffffe").contains("msp: 0xfffffffc");
        assertThat(run.output()).contains("Device Security Bit Set"); // OpenOCD saw level 1 before unlocking
        assertThat(board.chip().rdpLevel()).isZero();
        assertThat(board.chip().flashImage()).containsOnly((byte) 0xFF);
    }

    /** The three UID words as `mdw` prints them: little-endian words of the UID bytes, lower-case hex. */
    private static String uidWords(VirtualBoard board) {
        byte[] uid = board.chip().uid();
        StringBuilder words = new StringBuilder();
        for (int w = 0; w < 3; w++) {
            int value = (uid[4 * w] & 0xFF) | (uid[4 * w + 1] & 0xFF) << 8 | (uid[4 * w + 2] & 0xFF) << 16
                    | (uid[4 * w + 3] & 0xFF) << 24;
            words.append(String.format("%08x ", value));
        }
        return words.toString().trim();
    }
}
