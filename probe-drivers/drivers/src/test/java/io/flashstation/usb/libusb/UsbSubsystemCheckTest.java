package io.flashstation.usb.libusb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Why a Linux host shows no USB devices (quarkus-usb4java.md §7.9 no subsystem, §9 PrivateDevices=yes). */
class UsbSubsystemCheckTest {

    @TempDir
    Path root;

    @Test
    void missingSysfsBusMeansNoUsbSubsystem() {
        assertThat(UsbSubsystemCheck.problem("Linux", root.resolve("sys/bus/usb"), root.resolve("dev/bus/usb")))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("no USB subsystem on this host")
                        .contains(root.resolve("sys/bus/usb").toString()));
    }

    @Test
    void sysfsWithoutDeviceNodesMeansNothingCanBeOpened() throws IOException {
        Path sys = Files.createDirectories(root.resolve("sys/bus/usb"));
        assertThat(UsbSubsystemCheck.problem("Linux", sys, root.resolve("dev/bus/usb")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("PrivateDevices=yes"));
    }

    @Test
    void bothPresentIsNoProblem() throws IOException {
        Path sys = Files.createDirectories(root.resolve("sys/bus/usb"));
        Path dev = Files.createDirectories(root.resolve("dev/bus/usb"));
        assertThat(UsbSubsystemCheck.problem("Linux", sys, dev)).isEmpty();
    }

    @Test
    void otherSystemsHaveNoSuchPathsToCheck() {
        assertThat(UsbSubsystemCheck.problem("Windows 11", root.resolve("nope"), root.resolve("nope"))).isEmpty();
        assertThat(UsbSubsystemCheck.problem("Mac OS X", root.resolve("nope"), root.resolve("nope"))).isEmpty();
    }
}
