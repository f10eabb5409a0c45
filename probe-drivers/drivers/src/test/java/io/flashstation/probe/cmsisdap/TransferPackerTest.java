package io.flashstation.probe.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Packing transfers into packets (cmsis-dap.md §13.1); DAP_Transfer and DAP_TransferBlock bytes (§7, §14). */
class TransferPackerTest {

    private static final int TAR_WRITE = TransferRequest.ap(0x04, false);
    private static final int DRW_READ = TransferRequest.ap(0x0C, true);
    private static final int DRW_WRITE = TransferRequest.ap(0x0C, false);

    private final List<Integer> delivered = new ArrayList<>();
    private int nextIndex;

    @Test
    void encodesTheWorkedExampleOfTheSheet() {
        // cmsis-dap.md §14: SELECT 0, CSW 0x23000052, TAR 0x20000000, DRW read in one DAP_Transfer
        List<TransferCommand> commands = new TransferPacker(64).pack(List.of(
                write(TransferRequest.dp(0x8, false), 0), write(TransferRequest.ap(0x00, false), 0x2300_0052),
                write(TAR_WRITE, 0x2000_0000), read(DRW_READ)));
        assertThat(commands).hasSize(1);
        assertThat(hex(commands.get(0).request()))
                .isEqualTo("050004" + "0800000000" + "0152000023" + "0500000020" + "0f");
    }

    @Test
    void readsFillEveryAnswerOfSixtyFourBytes() {
        // §13.1, P = 64: an answer holds 15 words, both as DAP_Transfer (3 + 4n) and as DAP_TransferBlock (4 + 4n)
        List<WireTransfer> transfers = new ArrayList<>(List.of(write(TAR_WRITE, 0x2000_0000)));
        for (int i = 0; i < 256; i++) {
            transfers.add(read(DRW_READ));
        }
        List<TransferCommand> commands = new TransferPacker(64).pack(transfers);
        assertThat(commands).hasSize(18); // ceil(256 / 15)
        assertThat(hex(commands.get(0).request())).isEqualTo("050010" + "0500000020" + "0f".repeat(15));
        assertThat(hex(commands.get(1).request())).isEqualTo("0600" + "0f00" + "0f");
        assertThat(commands.subList(1, 17)).allMatch(c -> c instanceof DapTransferBlockCommand);
        assertThat(hex(commands.get(17).request())).isEqualTo("050001" + "0f");
    }

    @Test
    void writesGoInBlocksWhichCarryFourteenWordsWhereDapTransferCarriesTwelve() {
        // §13.1, P = 64: DAP_Transfer takes 12 writes (3 + 5n), DAP_TransferBlock 14 (5 + 4n)
        List<WireTransfer> transfers = new ArrayList<>(List.of(write(TAR_WRITE, 0x2000_0000)));
        for (int i = 0; i < 256; i++) {
            transfers.add(write(DRW_WRITE, i));
        }
        List<TransferCommand> commands = new TransferPacker(64).pack(transfers);
        // TAR + 11 writes fill the first packet (63 bytes), 17 blocks of 14 take 238, 7 writes remain
        assertThat(commands).hasSize(19);
        assertThat(commands.get(0).request()).hasSize(3 + 5 * 12);
        assertThat(commands.subList(1, 18)).allSatisfy(c -> {
            assertThat(c).isInstanceOf(DapTransferBlockCommand.class);
            assertThat(c.request()).hasSize(5 + 4 * 14);
        });
        assertThat(commands.get(18).request()).hasSize(3 + 5 * 7);
        assertThat(commands).allSatisfy(c -> assertThat(c.request().length).isLessThanOrEqualTo(64));
    }

    @Test
    void aDapTransferHoldsAtMost255Transfers() {
        // §7.2: Count is one byte
        List<WireTransfer> transfers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            transfers.add(read(TransferRequest.dp(i % 2 == 0 ? 0x4 : 0x0, true)));
        }
        List<TransferCommand> commands = new TransferPacker(4096).pack(transfers);
        assertThat(commands).hasSize(2);
        assertThat(commands.get(0).request()[2] & 0xFF).isEqualTo(255);
    }

    @Test
    void deliversReadsInRequestOrder() throws Exception {
        // §7.3: one data word per completed read, in request order
        TransferCommand command = single(write(TAR_WRITE, 0x2000_0000), read(DRW_READ), read(DRW_READ));
        TransferOutcome outcome = command.complete(bytes("05 03 01 78 56 34 12 EF BE AD DE"));
        assertThat(outcome.failure()).isEmpty();
        assertThat(outcome.completed()).isEqualTo(3);
        assertThat(delivered).containsExactly(0x1234_5678, 0xDEAD_BEEF);
    }

    @Test
    void aFaultOnTheTarWriteNamesIt() throws Exception {
        // §14 failure replies: TAR write answers FAULT -> "05 02 04" (SELECT and CSW done)
        SwdTransferException e = workedExample().complete(bytes("05 02 04")).failure().orElseThrow();
        assertThat(e.failure()).isEqualTo(Failure.FAULT);
        assertThat(e.index()).isEqualTo(2);
        assertThat(delivered).isEmpty();
    }

    @Test
    void aWaitBeyondTheRetriesOnTheDrwPostNamesTheRead() throws Exception {
        // §14: the DRW post keeps answering WAIT beyond WaitRetry -> "05 03 02"
        SwdTransferException e = workedExample().complete(bytes("05 03 02")).failure().orElseThrow();
        assertThat(e.failure()).isEqualTo(Failure.WAIT);
        assertThat(e.index()).isEqualTo(3);
    }

    @Test
    void aFailedCollectionOfTheLastPostedReadNamesThatRead() throws Exception {
        // §14: DRW posted OK but the RDBUFF collection read gets FAULT -> "05 04 04", count 4 yet no data word
        SwdTransferException e = workedExample().complete(bytes("05 04 04")).failure().orElseThrow();
        assertThat(e.failure()).isEqualTo(Failure.FAULT);
        assertThat(e.index()).isEqualTo(3);
        assertThat(delivered).isEmpty();
    }

    @Test
    void responseBitsMapToFailures() throws Exception {
        // §7.3: bit 3 protocol error (ACK bits zero), 7 no ACK, bit 4 value mismatch
        assertThat(workedExample().complete(bytes("05 00 08")).failure().orElseThrow().failure())
                .isEqualTo(Failure.PARITY);
        assertThat(workedExample().complete(bytes("05 00 07")).failure().orElseThrow().failure())
                .isEqualTo(Failure.NO_ACK);
        assertThat(workedExample().complete(bytes("05 03 11")).failure().orElseThrow().failure())
                .isEqualTo(Failure.MISMATCH);
    }

    @Test
    void aBlockReadDeliversTheWordsItCompleted() throws Exception {
        // §7.5: "06 00 04 00 0F" -> "06 04 00 01" + 16 data bytes; a failure keeps the words before it
        List<WireTransfer> reads = List.of(read(DRW_READ), read(DRW_READ), read(DRW_READ), read(DRW_READ));
        DapTransferBlockCommand block = new DapTransferBlockCommand(reads);
        assertThat(hex(block.request())).isEqualTo("060004000f");
        TransferOutcome outcome = block.complete(bytes("06 02 00 04 01 00 00 00 02 00 00 00"));
        assertThat(outcome.failure()).hasValueSatisfying(e -> {
            assertThat(e.failure()).isEqualTo(Failure.FAULT);
            assertThat(e.index()).isEqualTo(2);
        });
        assertThat(delivered).containsExactly(1, 2);
    }

    private TransferCommand workedExample() {
        return single(write(TransferRequest.dp(0x8, false), 0), write(TransferRequest.ap(0x00, false), 0x2300_0052),
                write(TAR_WRITE, 0x2000_0000), read(DRW_READ));
    }

    private TransferCommand single(WireTransfer... transfers) {
        List<TransferCommand> commands = new TransferPacker(64).pack(List.of(transfers));
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }

    /** A read, numbered after every transfer this test made before it. */
    private WireTransfer read(int request) {
        return new WireTransfer(request, request & 0x0C, 0, delivered::add, nextIndex++);
    }

    /** A write, numbered after every transfer this test made before it. */
    private WireTransfer write(int request, int value) {
        return new WireTransfer(request, request & 0x0C, value, null, nextIndex++);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
