package io.flashstation.sim.stlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbBus;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stlink-server protocol of stlink.md §10, spoken by a client written here from the sheet. */
class StlinkServerTest {

    private final VirtualUsbBus bus = new VirtualUsbBus();
    private StlinkServer server;

    @BeforeEach
    void start() throws IOException {
        server = new StlinkServer(bus, 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
        bus.close();
    }

    /** A client of the server: one request, one exact-length reply. */
    private final class Client implements AutoCloseable {
        final Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        final OutputStream out = socket.getOutputStream();
        final DataInputStream in = new DataInputStream(socket.getInputStream());

        Client() throws IOException {
        }

        ByteBuffer request(byte[] request, int replyLength) throws IOException {
            out.write(request);
            out.flush();
            byte[] reply = new byte[replyLength];
            in.readFully(reply);
            return ByteBuffer.wrap(reply).order(ByteOrder.LITTLE_ENDIAN);
        }

        int count() throws IOException {
            request(new byte[] {0x00, 0x00}, 4);
            return request(new byte[] {0x01}, 4).getInt(0);
        }

        ByteBuffer info(int index) throws IOException {
            return request(new byte[] {0x02, (byte) index, 0, 0, 41, 0, 0, 0}, 45);
        }

        ByteBuffer open(int deviceId, boolean exclusive) throws IOException {
            ByteBuffer b = le(8).put((byte) 0x03).put((byte) (exclusive ? 1 : 0)).put((byte) 0).put((byte) 0)
                    .putInt(deviceId);
            return request(b.array(), 8);
        }

        int close(int connectId) throws IOException {
            return request(le(8).put((byte) 0x04).put(new byte[3]).putInt(connectId).array(), 4).getInt(0);
        }

        /** SEND_USB_CMD with direction 1 (read N). */
        ByteBuffer usb(int connectId, byte[] command, int n) throws IOException {
            ByteBuffer b = le(32).put((byte) 0x05).put(new byte[3]).putInt(connectId).put(command)
                    .put((byte) 1).put(new byte[3]).putInt(n);
            return request(b.array(), 4 + n);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String serialOf(ByteBuffer info) {
        byte[] field = new byte[32];
        info.get(8, field);
        return new String(field, StandardCharsets.US_ASCII).replace("\0", "");
    }

    // stlink.md §10.2/§10.3: version (16 bytes, no status), refresh, count, info, open, wrapped command, close
    @Test
    void servesTheSequenceOpenOcdUses() throws Exception {
        bus.plug(new VirtualStlink(StlinkModel.V2, "0668FF505271754867183630", new Fixture()), "1-1");
        try (Client client = new Client()) {
            ByteBuffer version = client.request(new byte[] {0x06, 0x01, 0, 0}, 16);
            assertThat(version.getInt(0)).isEqualTo(2);

            assertThat(client.count()).isEqualTo(1);
            ByteBuffer info = client.info(0);
            assertThat(info.getInt(0)).isEqualTo(1);
            assertThat(serialOf(info)).isEqualTo("0668FF505271754867183630");
            assertThat(info.getShort(40) & 0xFFFF).isEqualTo(0x0483);
            assertThat(info.getShort(42) & 0xFFFF).isEqualTo(0x3748);
            assertThat(info.get(44)).isZero();

            ByteBuffer opened = client.open(info.getInt(4), false);
            assertThat(opened.getInt(0)).isEqualTo(1);
            int connectId = opened.getInt(4);
            assertThat(connectId).isNotZero();

            ByteBuffer reply = client.usb(connectId, StlinkUsbHost.cmd(0xF1), 6);
            assertThat(reply.getInt(0)).isEqualTo(1);
            assertThat(reply.array()).endsWith(0x29, 0x47, 0x83, 0x04, 0x48, 0x37);
            // a command without reply travels with direction 1 and N = 0: status only (§10.2)
            assertThat(client.usb(connectId, StlinkUsbHost.cmd(0xF2, 0x21), 0).array()).containsExactly(1, 0, 0, 0);

            assertThat(client.close(connectId)).isEqualTo(1);
            assertThat(client.close(connectId)).isEqualTo(0x1002);
        }
    }

    // stlink.md §10.2: data-out commands carry N bytes after the header and get a 4-byte status
    @Test
    void forwardsDataOutPhases() throws Exception {
        bus.plug(new VirtualStlink(StlinkModel.V2, "0668FF505271754867183630", new Fixture()), "1-1");
        try (Client client = new Client()) {
            client.count();
            int connectId = client.open(client.info(0).getInt(4), false).getInt(4);
            ByteBuffer write = le(36).put((byte) 0x05).put(new byte[3]).putInt(connectId)
                    .put(StlinkUsbHost.memoryCommand(0x08, 0x20000000, 4)).put((byte) 0).put(new byte[3]).putInt(4)
                    .putInt(0x12345678);
            assertThat(client.request(write.array(), 4).getInt(0)).isEqualTo(1);
            // the empty fixture makes the write fail inside the probe, which only GETLASTRWSTATUS2 tells (§10.2)
            assertThat(client.usb(connectId, StlinkUsbHost.cmd(0xF2, 0x3E), 12).get(4)).isEqualTo((byte) 0x16);
        }
    }

    // stlink.md §10.4: a binary serial is reported as 24 hex digits; clones sharing one serial are told apart by id
    @Test
    void listsClonesWithTheirFixedSerialAndDistinctIds() throws Exception {
        byte[] raw = {0x55, (byte) 0xFF, 0x6C, 0x06, 0x49, (byte) 0x83, 0x51, 0x53, 0x22, 0x41, 0x10, (byte) 0x87};
        bus.plug(new VirtualStlink(StlinkModel.V2_CLONE, VirtualStlink.binarySerial(raw), new Fixture()), "1-1");
        bus.plug(new VirtualStlink(StlinkModel.V2_CLONE, VirtualStlink.binarySerial(raw), new Fixture()), "1-2");
        bus.plug(new VirtualStlink(StlinkModel.V3, "002F00183438510B34313939", new Fixture()), "1-3");
        try (Client client = new Client()) {
            assertThat(client.count()).isEqualTo(3);
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(client.info(i).getInt(4));
            }
            assertThat(ids).doesNotHaveDuplicates();
            assertThat(serialOf(client.info(0))).isEqualTo("55FF6C064983515322411087");
            assertThat(serialOf(client.info(1))).isEqualTo("55FF6C064983515322411087");
            assertThat(serialOf(client.info(2))).isEqualTo("002F00183438510B34313939");
            assertThat(client.info(3).getInt(0)).isEqualTo(0x1002);
        }
    }

    // stlink.md §10.3 step 5: byte 44 flags a probe someone holds exclusively; shared opens coexist
    @Test
    void sharesProbesUnlessOneClientAsksForExclusiveUse() throws Exception {
        bus.plug(new VirtualStlink(StlinkModel.V2_1, "066BFF485550755187134826", new Fixture()), "1-1");
        try (Client first = new Client(); Client second = new Client()) {
            first.count();
            second.count();
            int id = first.info(0).getInt(4);
            int a = first.open(id, false).getInt(4);
            ByteBuffer shared = second.open(id, false);
            assertThat(shared.getInt(0)).isEqualTo(1);
            assertThat(shared.getInt(4)).isNotEqualTo(a);
            assertThat(second.usb(shared.getInt(4), StlinkUsbHost.cmd(0xF5), 2).get(4)).isEqualTo((byte) 1);
            // another client's connection id is not usable
            assertThat(second.usb(a, StlinkUsbHost.cmd(0xF5), 2).getInt(0)).isEqualTo(0x1002);
            assertThat(second.open(id, true).getInt(0)).isEqualTo(0x1003);

            first.close(a);
            second.close(shared.getInt(4));
            int exclusive = first.open(id, true).getInt(4);
            assertThat(exclusive).isNotZero();
            assertThat(second.info(0).get(44)).isEqualTo((byte) 1);
            assertThat(second.open(id, false).getInt(0)).isEqualTo(0x1003);
        }
    }

    @Test
    void aClientThatHangsUpReleasesItsProbe() throws Exception {
        bus.plug(new VirtualStlink(StlinkModel.V2, "0668FF505271754867183630", new Fixture()), "1-1");
        try (Client first = new Client()) {
            first.count();
            first.open(first.info(0).getInt(4), true);
        }
        try (Client second = new Client()) {
            second.count();
            int id = second.info(0).getInt(4);
            ByteBuffer opened = null;
            for (int attempt = 0; attempt < 500 && (opened == null || opened.getInt(0) != 1); attempt++) {
                opened = second.open(id, true); // the first client's thread notices the hang-up asynchronously
                Thread.onSpinWait();
            }
            assertThat(opened.getInt(0)).isEqualTo(1);
        }
    }

    @Test
    void servesSeveralClientsAtOnce() throws Exception {
        for (int i = 0; i < 4; i++) {
            bus.plug(new VirtualStlink(StlinkModel.V3, String.format("002F0018343851%010d", i), new Fixture()),
                    "1-" + (i + 1));
        }
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int index = i;
                Callable<Integer> session = () -> {
                    try (Client client = new Client()) {
                        client.count();
                        int connectId = client.open(client.info(index).getInt(4), true).getInt(4);
                        int modes = 0;
                        for (int n = 0; n < 200; n++) {
                            modes += client.usb(connectId, StlinkUsbHost.cmd(0xF5), 2).get(4);
                        }
                        client.close(connectId);
                        return modes;
                    }
                };
                results.add(clients.submit(session));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    // stlink.md §10.1: requests carry no length, so a command the server does not know ends the connection
    @Test
    void anUnknownCommandEndsTheConnection() throws Exception {
        try (Client client = new Client()) {
            client.out.write(new byte[] {0x07, 0, 0, 0});
            client.out.flush();
            assertThat(client.in.read()).isEqualTo(-1);
        }
    }
}
