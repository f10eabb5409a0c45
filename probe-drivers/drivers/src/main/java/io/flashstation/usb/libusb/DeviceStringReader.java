package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbControlSetup;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

import java.nio.ByteBuffer;

/**
 * Reads the string descriptors of one open device with a short timeout, in the device's first language.
 * A device that times out or leaves is not asked again, so a hung probe costs one timeout, not one per string.
 */
final class DeviceStringReader {

    private static final System.Logger LOG = System.getLogger(DeviceStringReader.class.getName());
    private static final int LANGUAGE_NOT_READ = -2;

    private final DeviceHandle handle;
    private final DeviceKey device;
    private final long timeoutMillis;
    private final TransferBuffer buffer = new TransferBuffer(StringDescriptors.MAX_LENGTH);
    private int language = LANGUAGE_NOT_READ;
    private boolean givenUp;

    DeviceStringReader(DeviceHandle handle, DeviceKey device, long timeoutMillis) {
        this.handle = handle;
        this.device = device;
        this.timeoutMillis = timeoutMillis;
    }

    /** The string at this descriptor index (as found in a device or interface descriptor); null if none. */
    String read(byte index) {
        int number = Byte.toUnsignedInt(index);
        if (number == 0 || givenUp) {
            return null;
        }
        if (language == LANGUAGE_NOT_READ) {
            language = readLanguage();
        }
        if (language < 0) {
            return null;
        }
        byte[] descriptor = new byte[StringDescriptors.MAX_LENGTH];
        int received = fetch(number, language, descriptor);
        return received < 0 ? null : StringDescriptors.decode(descriptor, received);
    }

    private int readLanguage() {
        byte[] descriptor = new byte[StringDescriptors.MAX_LENGTH];
        int received = fetch(0, 0, descriptor);
        return received < 0 ? -1 : StringDescriptors.firstLanguage(descriptor, received);
    }

    /** Fetches one descriptor into {@code target}; returns the byte count or a negative libusb error. */
    private int fetch(int index, int languageId, byte[] target) {
        UsbControlSetup setup = StringDescriptors.request(index, languageId);
        ByteBuffer data = buffer.incoming(target.length);
        int result = LibUsb.controlTransfer(handle, (byte) setup.requestType(), (byte) setup.request(),
                (short) setup.value(), (short) setup.index(), data, timeoutMillis);
        if (result < 0) {
            LOG.log(System.Logger.Level.DEBUG, "string descriptor {0} of {1} unreadable: {2}", index, device,
                    LibUsbErrors.name(result));
            // A stall only refuses this index; a timeout or a departure would repeat for every other string.
            givenUp = result != LibUsb.ERROR_PIPE;
            return result;
        }
        TransferBuffer.copyReceived(data, result, target, 0);
        return result;
    }
}
