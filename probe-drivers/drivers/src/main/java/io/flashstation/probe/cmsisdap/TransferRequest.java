package io.flashstation.probe.cmsisdap;

/**
 * The request byte of DAP_Transfer and DAP_TransferBlock (cmsis-dap.md §7.2, §10): bit 0 APnDP, bit 1 RnW,
 * bits 3:2 the register address bits A[3:2]. Bank selection is SELECT's business, not the request's.
 */
final class TransferRequest {

    private static final int AP = 0x01;
    private static final int READ = 0x02;
    private static final int ADDRESS_BITS = 0x0C;

    /** DP SELECT: APSEL and APBANKSEL for the AP requests that follow. */
    static final int DP_SELECT = 0x8;

    private TransferRequest() {
    }

    /** A DP register access; {@code address} is 0x0, 0x4, 0x8 or 0xC. */
    static int dp(int address, boolean read) {
        if ((address & ~ADDRESS_BITS) != 0) {
            throw new IllegalArgumentException(String.format("no DP register 0x%X", address));
        }
        return address | (read ? READ : 0);
    }

    /** An AP register access; the low address bits of {@code address} (0x00–0xFC) go in the request. */
    static int ap(int address, boolean read) {
        if (address < 0 || address > 0xFC || (address & 3) != 0) {
            throw new IllegalArgumentException(String.format("no AP register 0x%X", address));
        }
        return (address & ADDRESS_BITS) | AP | (read ? READ : 0);
    }

    static boolean isRead(int request) {
        return (request & READ) != 0;
    }

    static boolean isAp(int request) {
        return (request & AP) != 0;
    }
}
