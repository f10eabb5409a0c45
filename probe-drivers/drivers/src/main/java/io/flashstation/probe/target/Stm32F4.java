package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.arm.AccessSize;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.target.FlashOperationException.Kind;

/** An STM32F401/F411 reached through its AHB-AP: who it is (DBGMCU_IDCODE, F_SIZE, UID) and its option bytes. */
public final class Stm32F4 {

    /** DBGMCU_IDCODE: DEV_ID in bits 11:0, REV_ID in bits 31:16 (stm32f411-target.md §5). */
    public static final int DBGMCU_IDCODE = 0xE004_2000;
    /** F_SIZE: main flash in KiB, a half-word (stm32f411-target.md §4). */
    public static final int F_SIZE = 0x1FFF_7A22;
    /** The first of the three UID words (stm32f411-target.md §4). */
    public static final int UID_BASE = 0x1FFF_7A10;
    private static final int DEV_ID_MASK = 0xFFF;

    private final MemAp mem;
    private final FlashController flash;

    public Stm32F4(MemAp mem) {
        this.mem = mem;
        this.flash = new FlashController(mem);
    }

    public FlashController flash() {
        return flash;
    }

    public MemAp memory() {
        return mem;
    }

    /**
     * Reads DEV_ID/REV_ID (stm32f411-target.md §5), F_SIZE with a half-word access (§4: it sits on lanes [31:16]) and
     * the 96-bit UID. A DEV_ID that is not an F401/F411, or an unprogrammed F_SIZE, fails with WRONG_CHIP.
     */
    public ChipIdentity identify() throws ProbeException {
        int idcode = mem.readWord(DBGMCU_IDCODE);
        int devId = idcode & DEV_ID_MASK;
        Stm32F4Family family = Stm32F4Family.forDevId(devId).orElseThrow(() -> new FlashOperationException(
                Kind.WRONG_CHIP, String.format("DEV_ID 0x%03X (DBGMCU_IDCODE 0x%08X) is not an STM32F401 or F411",
                        devId, idcode)));
        int flashKib = mem.read(AccessSize.HALFWORD, F_SIZE);
        if (flashKib == 0 || flashKib == 0xFFFF) {
            throw new FlashOperationException(Kind.WRONG_CHIP,
                    String.format("the %s reports no flash size (F_SIZE 0x%04X)", family.line(), flashKib));
        }
        int[] uid = new int[3];
        mem.readWords(UID_BASE, uid, 0, 3);
        return new ChipIdentity(family, idcode >>> 16, flashKib, new ChipUid(uid[0], uid[1], uid[2]));
    }

    /** The protection settings in force, from FLASH_OPTCR (readable at every RDP level a debugger reaches). */
    public OptionBytesState options() throws ProbeException {
        return new OptionBytesState(flash.readOptcr());
    }
}
