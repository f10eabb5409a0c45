package io.flashstation.sim.stlink;

import io.flashstation.sim.usb.VirtualUsbBus;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An stlink-server endpoint on 127.0.0.1 (stlink.md §10) serving every ST-Link plugged into a virtual USB bus,
 * so that tools speaking that protocol (OpenOCD's {@code st-link backend tcp} and {@code hla_stlink_backend tcp})
 * drive virtual probes. Each client gets its own thread; clients may share a probe.
 */
public final class StlinkServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StlinkServer.class.getName());

    private final ServedProbes probes;
    private final int requestedPort;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private volatile boolean closed;

    /** @param port the TCP port to listen on, or 0 for any free one (see {@link #port()}) */
    public StlinkServer(VirtualUsbBus bus, int port) {
        this.probes = new ServedProbes(bus);
        this.requestedPort = port;
    }

    /** Starts listening and accepting clients. */
    public synchronized StlinkServer start() throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        listener = new ServerSocket(requestedPort, 16, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptClients, "stlink-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    /** The port the server listens on. */
    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
        return listener.getLocalPort();
    }

    /** Stops listening, drops every client and releases every probe. */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (listener != null) {
                closeQuietly(listener);
            }
        }
        clients.forEach(StlinkServer::closeQuietly);
        probes.closeAll();
    }

    private void acceptClients() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "stlink-server stopped accepting clients", e);
                }
                return;
            }
            clients.add(client);
            Thread session = new Thread(() -> serve(client), "stlink-server-client-" + client.getPort());
            session.setDaemon(true);
            session.start();
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            new StlinkServerSession(probes, client.getInputStream(), client.getOutputStream()).serve();
        } catch (SocketException e) {
            // the client or close() dropped the connection
        } catch (IOException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.DEBUG, "stlink-server client ended with an error", e);
            }
        } finally {
            clients.remove(client);
        }
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // a socket that fails to close is gone either way
        }
    }
}
