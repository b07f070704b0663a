package io.osmigration.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds free TCP ports on the loopback interface.
 *
 * <p>A port found here is free at the time of the call only: another process may take it before the caller
 * binds it. The ports returned by {@link #findFreePorts(int)} are held open together while they are picked, so they
 * are distinct.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** One free loopback port. */
    public static int findFreePort() {
        return findFreePorts(1)[0];
    }

    /** {@code count} distinct free loopback ports. */
    public static int[] findFreePorts(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find " + count + " free loopback port(s)", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** Returns {@code port} itself unless it is 0, in which case a free loopback port. */
    public static int resolve(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid port: " + port);
        }
        return port == 0 ? findFreePort() : port;
    }

    /** Whether {@code port} can currently be bound on the loopback interface. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like a server socket: connections of a previous listener in TIME_WAIT do not make the port busy.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
