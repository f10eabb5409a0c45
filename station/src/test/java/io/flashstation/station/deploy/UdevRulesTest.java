package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.cmsisdap.CmsisDapDriver;
import io.flashstation.probe.jlink.JlinkDriver;
import io.flashstation.probe.stlink.StlinkDriver;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/udev/60-flash-station.rules against the drivers: every probe a driver recognises gets a device node the
 * service's group can open, every ID rule names something the station drives, and nothing is world-writable.
 */
class UdevRulesTest {

    private static final String GROUP = "flash-station";
    private static final int ST_VID = 0x0483;
    private static final int SEGGER_VID = 0x1366;
    /** circuitpython-blackpill.md §5: Adafruit's VID, used by every CircuitPython build. */
    private static final int CIRCUITPYTHON_VID = 0x239A;
    /** openocd-recipes.md §2: the tutorial's Seeeduino XIAO running DAPLink, recognised by its product string. */
    private static final int XIAO = 0x2886_802F;
    /** cmsis-dap.md §12.1: the VID:PIDs that are CMSIS-DAP whatever their product string says. */
    private static final List<Integer> KNOWN_CMSIS_DAP = List.of(
            0x0D28_0204, 0x2E8A_000C, 0x1A86_8012, 0xC251_F001, 0xC251_F002, 0xC251_2722, 0xC251_2750,
            0x03EB_2111, 0x03EB_2141, 0x03EB_2145, 0x03EB_2175, 0x1FC9_0090, 0x1FC9_0143,
            0x04B4_F138, 0x04B4_F151, 0x04B4_F152, 0x04B4_F154, 0x04B4_F155, 0x04B4_F166);

    private static UdevRules rules;

    @BeforeAll
    static void readRules() throws Exception {
        rules = UdevRules.read(DeployTree.deploy("udev", "60-flash-station.rules"));
    }

    @Test
    void everyStlinkTheDriverOpensHasARuleAndNoOtherStPidDoes() {
        // stlink.md §1: VID 0483, the debug interface 0 is vendor-specific
        StlinkDriver driver = new StlinkDriver();
        IntPredicate recognised = pid -> driver.recognises(device(ST_VID, pid, "STM32 STLink", vendorInterface(0, 0)));

        assertSameProductIds(ST_VID, recognised);
        assertThat(grantsAccess(ST_VID, 0x3748, null)).isTrue(); // the tutorial's ST-Link/V2 (openocd-recipes.md §3)
        assertThat(grantsAccess(ST_VID, 0xDF11, null)).isFalse(); // the F411's own ROM DFU is not a probe
    }

    @Test
    void everyJlinkTheDriverOpensHasARuleAndNoCdcOnlySeggerFunctionDoes() {
        // jlink.md §1.1, §1.2: VID 1366, the J-Link interface is class FF subclass FF with a bulk pair
        JlinkDriver driver = new JlinkDriver();
        IntPredicate recognised = pid -> driver.recognises(device(SEGGER_VID, pid, "J-Link", vendorInterface(0, 0xFF)));

        assertSameProductIds(SEGGER_VID, recognised);
        assertThat(grantsAccess(SEGGER_VID, 0x0101, null)).isTrue(); // J-Link OB of the tutorial (openocd-recipes.md §1)
        assertThat(grantsAccess(SEGGER_VID, 0x0106, null)).isFalse(); // CDC only, no J-Link interface
    }

    @Test
    void everyKnownCmsisDapIdHasARuleAndTheDriverRecognisesItWithoutAProductString() {
        CmsisDapDriver driver = new CmsisDapDriver();
        for (int vidPid : KNOWN_CMSIS_DAP) {
            int vid = vidPid >>> 16;
            int pid = vidPid & 0xFFFF;
            assertThat(driver.recognises(device(vid, pid, "Debug probe", hidInterface())))
                    .as("driver recognises %08x", vidPid).isTrue();
            assertThat(grantsAccess(vid, pid, "Debug probe")).as("rule for %08x", vidPid).isTrue();
        }
    }

    @Test
    void anyProbeNamedCmsisDapIsCoveredAsTheDriverRecognisesIt() {
        // cmsis-dap.md §12.2: the product string is how hosts (and our driver) recognise CMSIS-DAP
        UsbDeviceInfo unknownVendor = device(0x1234, 0x5678, "Homebrew CMSIS-DAP", hidInterface());
        assertThat(new CmsisDapDriver().recognises(unknownVendor)).isTrue();
        assertThat(grantsAccess(0x1234, 0x5678, "Homebrew CMSIS-DAP")).isTrue();
        assertThat(grantsAccess(0x1234, 0x5678, "Keyboard")).isFalse();
    }

    @Test
    void theTutorialsXiaoIsNamedAndRecognisedThroughItsProductString() {
        int vid = XIAO >>> 16;
        int pid = XIAO & 0xFFFF;
        assertThat(grantsAccess(vid, pid, "Seeeduino XIAO")).isTrue();
        assertThat(new CmsisDapDriver().recognises(device(vid, pid, "XIAO CMSIS-DAP", hidInterface()))).isTrue();
    }

    @Test
    void circuitPythonBoardsAreCoveredByVendorWhateverTheirPid() {
        // circuitpython-blackpill.md §5: 239a:006a for _with_flash; the plain board id has another, unconfirmed PID
        assertThat(grantsAccess(CIRCUITPYTHON_VID, 0x006A, "stm32f411ce blackpill with flash")).isTrue();
        assertThat(grantsAccess(CIRCUITPYTHON_VID, 0x8123, null)).isTrue();
    }

    @Test
    void everyIdRuleNamesSomethingTheStationDrives() {
        CmsisDapDriver cmsisDap = new CmsisDapDriver();
        for (UdevRules.Rule rule : rules.rules()) {
            String vendor = rule.matchValue("ATTRS{idVendor}");
            if (vendor == null) {
                continue;
            }
            int vid = Integer.parseInt(vendor, 16);
            String products = rule.matchValue("ATTRS{idProduct}");
            if (vid == CIRCUITPYTHON_VID) {
                assertThat(products).as("line %d: CircuitPython is matched by VID only (§5)", rule.line()).isNull();
                continue;
            }
            assertThat(products).as("line %d names its products", rule.line()).isNotNull();
            IntStream.rangeClosed(0, 0xFFFF).filter(pid -> UdevRules.globMatches(products, hex(pid))).forEach(pid -> {
                boolean recognised = switch (vid) {
                    case ST_VID -> new StlinkDriver().recognises(device(vid, pid, null, vendorInterface(0, 0)));
                    case SEGGER_VID -> new JlinkDriver().recognises(device(vid, pid, null, vendorInterface(0, 0xFF)));
                    default -> cmsisDap.recognises(device(vid, pid, null, hidInterface()))
                            || (vid << 16 | pid) == XIAO;
                };
                assertThat(recognised).as("line %d: %04x:%04x is not a probe the station drives", rule.line(), vid, pid)
                        .isTrue();
            });
        }
    }

    @Test
    void accessGoesToTheServiceGroupOnlyAndNothingIsWorldWritable() {
        for (UdevRules.Rule rule : rules.rules()) {
            for (UdevRules.Token t : rule.assignments()) {
                assertThat(t.key()).as("line %d", rule.line()).isIn("GROUP", "MODE", "ENV{ID_MM_DEVICE_IGNORE}", "GOTO", "LABEL");
                if (t.key().equals("MODE")) {
                    assertThat(t.value()).as("line %d", rule.line()).isEqualTo("0660");
                }
                if (t.key().equals("GROUP")) {
                    assertThat(t.value()).as("line %d", rule.line()).isEqualTo(GROUP);
                }
            }
            boolean grants = rule.assignments().stream().anyMatch(t -> t.key().equals("MODE"));
            boolean grouped = rule.assignments().stream().anyMatch(t -> t.key().equals("GROUP"));
            assertThat(grants).as("line %d sets MODE and GROUP together", rule.line()).isEqualTo(grouped);
        }
    }

    @Test
    void onlyDeviceEventsOfUsbHidrawAndTtyAreTouched() {
        Map<String, String> hidrawRemove = props(ST_VID, 0x3748, null, "remove", "hidraw");
        Map<String, String> block = props(ST_VID, 0x3748, null, "add", "block");
        Map<String, String> hidraw = props(0x0D28, 0x0204, "DAPLink CMSIS-DAP", "add", "hidraw");

        assertThat(rules.evaluate(hidrawRemove)).doesNotContainKey("GROUP");
        assertThat(rules.evaluate(block)).doesNotContainKey("GROUP");
        assertThat(rules.evaluate(hidraw)).containsEntry("GROUP", GROUP).containsEntry("MODE", "0660");
    }

    @Test
    void theGlobMatcherFollowsUdevSyntax() {
        assertThat(UdevRules.globMatches("10[56][0-9a-f]", "105f")).isTrue();
        assertThat(UdevRules.globMatches("10[56][0-9a-f]", "107f")).isFalse();
        assertThat(UdevRules.globMatches("3748|374b", "374b")).isTrue();
        assertThat(UdevRules.globMatches("*CMSIS-DAP*", "DAPLink CMSIS-DAP")).isTrue();
        assertThat(UdevRules.globMatches("374?", "3748")).isTrue();
        assertThat(UdevRules.globMatches("37[!4]8", "3748")).isFalse();
    }

    private static void assertSameProductIds(int vid, IntPredicate recognised) {
        List<String> recognisedIds = IntStream.rangeClosed(0, 0xFFFF).filter(recognised).mapToObj(UdevRulesTest::hex).toList();
        List<String> coveredIds = IntStream.rangeClosed(0, 0xFFFF).filter(pid -> grantsAccess(vid, pid, null))
                .mapToObj(UdevRulesTest::hex).toList();
        assertThat(recognisedIds).isNotEmpty();
        assertThat(coveredIds).as("product IDs with a rule, against those the driver recognises")
                .containsExactlyElementsOf(recognisedIds);
    }

    private static boolean grantsAccess(int vid, int pid, String product) {
        Map<String, String> result = rules.evaluate(props(vid, pid, product, "add", "usb"));
        return GROUP.equals(result.get("GROUP")) && "0660".equals(result.get("MODE"));
    }

    private static Map<String, String> props(int vid, int pid, String product, String action, String subsystem) {
        Map<String, String> props = new HashMap<>();
        props.put("ACTION", action);
        props.put("SUBSYSTEM", subsystem);
        props.put("ATTRS{idVendor}", hex(vid));
        props.put("ATTRS{idProduct}", hex(pid));
        if (product != null) {
            props.put("ATTRS{product}", product);
        }
        return props;
    }

    private static String hex(int id) {
        return String.format("%04x", id);
    }

    private static UsbDeviceInfo device(int vid, int pid, String product, UsbInterfaceInfo itf) {
        return new UsbDeviceInfo(vid, pid, 0x0100, "0001", "maker", product, "1-1", 1, 2, UsbSpeed.FULL, List.of(itf));
    }

    private static UsbInterfaceInfo vendorInterface(int number, int subClass) {
        return new UsbInterfaceInfo(number, 0, UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC, subClass, 0, null, List.of(
                new UsbEndpointInfo(0x01, UsbTransferType.BULK, 64, 0), new UsbEndpointInfo(0x81, UsbTransferType.BULK, 64, 0)));
    }

    private static UsbInterfaceInfo hidInterface() {
        return new UsbInterfaceInfo(0, 0, UsbInterfaceInfo.CLASS_HID, 0, 0, null, List.of(
                new UsbEndpointInfo(0x01, UsbTransferType.INTERRUPT, 64, 1),
                new UsbEndpointInfo(0x81, UsbTransferType.INTERRUPT, 64, 1)));
    }
}
