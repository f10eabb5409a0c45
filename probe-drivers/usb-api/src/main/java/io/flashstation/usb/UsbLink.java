package io.flashstation.usb;

/**
 * An open device: transfers to and from its endpoints. Used by one thread at a time (a slot's worker).
 * Every transfer either completes or throws; a device that has left the bus throws
 * {@link UsbDeviceGoneException} from any call, including one already in progress.
 */
public interface UsbLink extends AutoCloseable {

    /** The identity of the device this link is open on. */
    UsbDeviceInfo device();

    /** Claims an interface for exclusive use (detaching a kernel driver if one holds it). */
    void claimInterface(int interfaceNumber) throws UsbException;

    /**
     * Bulk transfer. For an OUT endpoint writes {@code length} bytes from {@code buffer} and returns how many were sent;
     * for an IN endpoint reads up to {@code length} bytes into {@code buffer} and returns how many arrived.
     */
    int bulkTransfer(int endpoint, byte[] buffer, int offset, int length, long timeoutMillis) throws UsbException;

    /** Interrupt transfer, with the same contract as {@link #bulkTransfer}. */
    int interruptTransfer(int endpoint, byte[] buffer, int offset, int length, long timeoutMillis) throws UsbException;

    /**
     * Control transfer on endpoint 0. The direction is bit 7 of {@code setup.requestType}; {@code length} is wLength.
     * Returns the number of bytes moved in the data stage.
     */
    int controlTransfer(UsbControlSetup setup, byte[] buffer, int offset, int length, long timeoutMillis)
            throws UsbException;

    /** The host's clock for this link: wall time on a real bus, virtual time on the virtual one. */
    HostClock clock();

    /** Releases claimed interfaces and closes the device; never throws. */
    @Override
    void close();
}
