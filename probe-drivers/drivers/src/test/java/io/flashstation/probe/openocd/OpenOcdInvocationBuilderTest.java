package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.target.ImageSegment;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.probe.target.Stm32F4Family;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbSpeed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line per probe family (openocd-recipes.md §1–§3 and ST-Link dapdirect), read as OpenOCD reads it. */
class OpenOcdInvocationBuilderTest {

    private static final String SERIAL = "066D37485051717867180001";
    private static final FlashImage ONE_KIB = FlashImage.of(SectorLayout.FLASH_BASE, new byte[1_024]);

    @TempDir
    Path work;

    private ImageFile file;

    @BeforeEach
    void writeImage() throws IOException {
        file = ImageFile.write(ONE_KIB, work);
    }

    @AfterEach
    void deleteImage() {
        file.close();
    }

    private List<String> command(OpenOcdSettings settings, ProbeKind kind, FlashPolicy policy, FlashImage image) {
        return OpenOcdInvocationBuilder.flash(settings, OpenOcdProbe.of(kind, SERIAL), policy, image, file).command();
    }

    private List<String> command(OpenOcdSettings settings, ProbeKind kind) {
        return command(settings, kind, FlashPolicy.defaults(), ONE_KIB);
    }

    /** The -c commands, in order. */
    private static List<String> tcl(List<String> command) {
        List<String> commands = new ArrayList<>();
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).equals("-c")) {
                commands.add(command.get(i + 1));
            }
        }
        return commands;
    }

    /** The word after each -f, in order. */
    private static List<String> configs(List<String> command) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < command.size() - 1; i++) {
            if (command.get(i).equals("-f")) {
                files.add(command.get(i + 1));
            }
        }
        return files;
    }

    private static String phase(List<String> command, String phase) {
        return tcl(command).stream().filter(c -> c.startsWith("fs_step " + phase + " ")).findFirst().orElseThrow();
    }

    // openocd-recipes.md §1: interface/jlink.cfg, transport swd, target/stm32f4x.cfg
    @Test
    void jlinkUsesTheJlinkInterfaceOverSwd() {
        List<String> command = command(OpenOcdSettings.defaults(), ProbeKind.JLINK_OB);

        assertThat(command.get(0)).isEqualTo("/usr/bin/openocd");
        assertThat(configs(command)).containsExactly("interface/jlink.cfg", "target/stm32f4x.cfg");
        assertThat(tcl(command)).containsSubsequence("transport select swd", "adapter serial " + SERIAL,
                "gdb_port disabled", "telnet_port disabled", "tcl_port disabled", "reset_config none separate");
        assertThat(tcl(command)).noneMatch(c -> c.startsWith("cmsis_dap_backend"));
    }

    // openocd-recipes.md §2: interface/cmsis-dap.cfg over swd; v1 is HID, v2 bulk (cmsis-dap.md)
    @Test
    void cmsisDapPinsTheBackendItsVersionUses() {
        assertThat(configs(command(OpenOcdSettings.defaults(), ProbeKind.CMSIS_DAP_V1)))
                .startsWith("interface/cmsis-dap.cfg");
        assertThat(tcl(command(OpenOcdSettings.defaults(), ProbeKind.CMSIS_DAP_V1)))
                .containsSubsequence("cmsis_dap_backend hid", "transport select swd", "adapter serial " + SERIAL);
        assertThat(tcl(command(OpenOcdSettings.defaults(), ProbeKind.CMSIS_DAP_V2_HS)))
                .containsSubsequence("cmsis_dap_backend usb_bulk", "transport select swd");
        assertThat(tcl(command(OpenOcdSettings.defaults(), ProbeKind.CMSIS_DAP_V2_FS)))
                .contains("cmsis_dap_backend usb_bulk");
    }

    // openocd-recipes.md §3: interface/stlink.cfg with hla_swd is the default for every ST-Link
    @Test
    void stlinkDefaultsToTheTutorialsHlaRecipe() {
        for (ProbeKind kind : List.of(ProbeKind.STLINK_V2, ProbeKind.STLINK_V2_1, ProbeKind.STLINK_V3)) {
            List<String> command = command(OpenOcdSettings.defaults(), kind);
            assertThat(configs(command)).containsExactly("interface/stlink.cfg", "target/stm32f4x.cfg");
            assertThat(tcl(command)).contains("transport select hla_swd").noneMatch(c -> c.contains("backend tcp"));
        }
    }

    // stlink.md §9.3: dapdirect goes through interface/stlink-dap.cfg; stlink-server is chosen per transport's driver
    @Test
    void stlinkDapdirectAndStlinkServerUseTheirDriversCommands() {
        OpenOcdSettings dap = OpenOcdSettings.defaults().withStlinkTransport(OpenOcdTransport.DAPDIRECT_SWD)
                .withStlinkServer(7184);
        List<String> command = command(dap, ProbeKind.STLINK_V3);
        assertThat(configs(command)).containsExactly("interface/stlink-dap.cfg", "target/stm32f4x.cfg");
        assertThat(tcl(command)).containsSubsequence("st-link backend tcp 7184", "transport select dapdirect_swd",
                "adapter serial " + SERIAL);

        List<String> hla = command(OpenOcdSettings.defaults().withStlinkServer(7184), ProbeKind.STLINK_V2);
        assertThat(tcl(hla)).containsSubsequence("hla_stlink_backend tcp 7184", "transport select hla_swd");
        assertThat(tcl(command(OpenOcdSettings.defaults().withStlinkServer(7184), ProbeKind.JLINK_OB)))
                .as("stlink-server serves ST-Links only").noneMatch(c -> c.contains("backend tcp"));
    }

    @Test
    void aPortPathPinsTheUsbLocationExceptThroughStlinkServer() {
        OpenOcdProbe probe = OpenOcdProbe.of(ProbeKind.JLINK_OB, SERIAL).atPort("1-2.4");
        List<String> usb = OpenOcdInvocationBuilder.flash(OpenOcdSettings.defaults(), probe, FlashPolicy.defaults(),
                ONE_KIB, file).command();
        assertThat(tcl(usb)).containsSubsequence("adapter serial " + SERIAL, "adapter usb location 1-2.4");

        OpenOcdProbe stlink = OpenOcdProbe.of(ProbeKind.STLINK_V2, SERIAL).atPort("1-3");
        List<String> server = OpenOcdInvocationBuilder.flash(OpenOcdSettings.defaults().withStlinkServer(7184),
                stlink, FlashPolicy.defaults(), ONE_KIB, file).command();
        assertThat(tcl(server)).noneMatch(c -> c.startsWith("adapter usb location"));
    }

    @Test
    void searchDirsComeFirstAndTheWorkAreaOverrideBeforeTheTargetConfig() {
        OpenOcdSettings settings = OpenOcdSettings.defaults().withExecutable(Path.of("/opt/openocd/bin/openocd"))
                .withSearchDirs(List.of(Path.of("/etc/flash-station/openocd"))).withWorkAreaBytes(0);
        List<String> command = command(settings, ProbeKind.STLINK_V2);

        assertThat(command.subList(0, 4)).containsExactly("/opt/openocd/bin/openocd", "-s",
                "/etc/flash-station/openocd", "-f");
        // stm32f4x.cfg reads WORKAREASIZE when it is sourced
        assertThat(command.indexOf("set WORKAREASIZE 0")).isLessThan(command.indexOf("target/stm32f4x.cfg"));
        assertThat(command.get(command.size() - 1)).isEqualTo("shutdown");
    }

    // stm32f4x.cfg: reset-start drops the clock to 2 MHz, so the policy's clock is set after each halting reset
    @Test
    void thePolicyClockIsAppliedAfterTheHaltingResetInKilohertz() {
        List<String> command = command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2,
                FlashPolicy.defaults().withSwdClockHz(480_000), ONE_KIB);
        String halt = tcl(command).stream().filter(c -> c.startsWith("proc fs_halt")).findFirst().orElseThrow();
        assertThat(halt).contains("reset halt; adapter speed 480;");

        String keep = tcl(command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2)).stream()
                .filter(c -> c.startsWith("proc fs_halt")).findFirst().orElseThrow();
        assertThat(keep).as("clock 0 keeps the target configuration's").doesNotContain("adapter speed ");
    }

    // stm32f411-target.md §3: sectors 0–3 are 16 KiB, 4 is 64 KiB, then 128 KiB
    @Test
    void sectorEraseCoversExactlyTheRunsOfSectorsTheImageTouches() {
        FlashImage image = FlashImage.ofSegments(List.of(new ImageSegment(0x0800_0000, new byte[0x4001]),
                new ImageSegment(0x0801_0000, new byte[16]), new ImageSegment(0x0802_0000, new byte[16])));
        List<String> command = command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2,
                FlashPolicy.defaults().withMassErase(false), image);

        assertThat(phase(command, "ERASE")).isEqualTo(
                "fs_step ERASE {flash erase_sector 0 0 1; flash erase_sector 0 4 5}");
        assertThat(phase(command, "CHECK")).contains("$::fs_fsize * 1024 < " + (0x2_0010))
                .contains("$fs_wrp & 0x00000033");
    }

    /** 64 bytes at the start of each of the F411's eight sectors (stm32f411-target.md §3). */
    private static FlashImage touchingEverySector() {
        List<ImageSegment> segments = new ArrayList<>();
        for (int address : new int[] {0x0800_0000, 0x0800_4000, 0x0800_8000, 0x0800_C000, 0x0801_0000, 0x0802_0000,
                0x0804_0000, 0x0806_0000}) {
            segments.add(new ImageSegment(address, new byte[64]));
        }
        return FlashImage.ofSegments(segments);
    }

    // TIMING.md §5 (E = min(Σ sectors, mass)) at OpenOCD's x8: 8 s mass against 8.8 s for all eight sectors
    @Test
    void aMassErasePolicyErasesTheWholeBankOnlyWhereThatIsQuicker() {
        FlashPolicy mayMassErase = FlashPolicy.defaults().withMassErase(true);
        assertThat(phase(command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2, mayMassErase, touchingEverySector()),
                "ERASE")).isEqualTo("fs_step ERASE {if {$::fs_wrp_any} { flash erase_sector 0 0 7 } "
                        + "else { stm32f2x mass_erase 0 }}");
        assertThat(phase(command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2, mayMassErase, ONE_KIB), "ERASE"))
                .as("one 16 KiB sector (0.4 s) beats a mass erase").isEqualTo(
                        "fs_step ERASE {flash erase_sector 0 0 0}");
        assertThat(phase(command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2, mayMassErase.withMassErase(false),
                touchingEverySector()), "ERASE")).isEqualTo("fs_step ERASE {flash erase_sector 0 0 7}");
    }

    // stm32f411-target.md §5: DEV_ID 0x431 (F411), 0x423 and 0x433 (F401)
    @Test
    void theCheckAcceptsTheDevIdsOfThePolicysFamiliesAndItsRdpChoice() {
        FlashPolicy f411Only = FlashPolicy.defaults().withAcceptedFamilies(EnumSet.of(Stm32F4Family.STM32F411));
        String strict = phase(command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2, f411Only, ONE_KIB), "CHECK");
        assertThat(strict).contains("lsearch -exact {1073}").contains("fs_refuse READ_PROTECTED")
                .doesNotContain("stm32f2x unlock");

        String lenient = phase(command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2,
                FlashPolicy.defaults().withRdpRegression(true), ONE_KIB), "CHECK");
        assertThat(lenient).contains("lsearch -exact {1059 1073 1075}").contains("stm32f2x unlock 0; fs_halt");
    }

    @Test
    void verificationFollowsThePolicy() {
        List<String> verified = command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2);
        assertThat(phase(verified, "PROGRAM")).isEqualTo(
                "fs_step PROGRAM {flash write_image {" + file.path() + "} 0x08000000 bin}");
        assertThat(phase(verified, "VERIFY")).isEqualTo(
                "fs_step VERIFY {verify_image {" + file.path() + "} 0x08000000 bin}");

        List<String> unverified = command(OpenOcdSettings.defaults(), ProbeKind.STLINK_V2,
                FlashPolicy.defaults().withVerify(false), ONE_KIB);
        assertThat(tcl(unverified)).noneMatch(c -> c.startsWith("fs_step VERIFY"));
    }

    @Test
    void theLoggedCommandLineQuotesEveryWordThatNeedsIt() {
        OpenOcdInvocation invocation = new OpenOcdInvocation(List.of("/usr/bin/openocd", "-c",
                "adapter speed 480", "-c", "echo 'hi'", "-f", "target/stm32f4x.cfg"));
        assertThat(invocation.commandLine()).isEqualTo(
                "/usr/bin/openocd -c 'adapter speed 480' -c 'echo '\\''hi'\\''' -f target/stm32f4x.cfg");
    }

    @Test
    void aProbeOnTheBusIsNamedByItsSerialAndPortPath() {
        UsbDeviceInfo jlink = new UsbDeviceInfo(0x1366, 0x0101, 0x0100, "000240123456", "SEGGER", "J-Link", "1-2.4",
                1, 7, UsbSpeed.FULL, List.of());
        assertThat(OpenOcdProbe.of(ProbeKind.JLINK_OB, jlink))
                .isEqualTo(OpenOcdProbe.of(ProbeKind.JLINK_OB, "000240123456").atPort("1-2.4"));

        UsbDeviceInfo anonymous = new UsbDeviceInfo(0x0483, 0x3748, 0x0100, null, null, null, "1-3", 1, 8,
                UsbSpeed.FULL, List.of());
        assertThatThrownBy(() -> OpenOcdProbe.of(ProbeKind.STLINK_V2, anonymous))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serial");
    }

    @Test
    void settingsAndProbesRejectWhatOpenOcdCouldNotBeGiven() {
        assertThatThrownBy(() -> OpenOcdProbe.of(ProbeKind.STLINK_V2, "ab; shutdown"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenOcdProbe.of(ProbeKind.STLINK_V2, SERIAL).atPort("1-2; reset"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenOcdSettings.defaults().withStlinkTransport(OpenOcdTransport.SWD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenOcdSettings.defaults().withTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OpenOcdSettings.stlinkTransportNamed("dapdirect_swd")).contains(OpenOcdTransport.DAPDIRECT_SWD);
        assertThat(OpenOcdSettings.stlinkTransportNamed("swd")).isEmpty();
        assertThat(OpenOcdSettings.defaults().workAreaBytes()).isEqualTo(OptionalInt.empty());
    }
}
