package org.gatehouse.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free loopback port in front of a server (PostgreSQL, for an outage without
 * stopping the server other tests use). {@link #cut()} closes every connection and drops new ones
 * at once, as a stopped server would; {@link #restore()} forwards again.
 */
public final class TcpProxy implements AutoCloseable {

	private final String host;
	private final int port;
	private final ServerSocket server;
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private volatile boolean up = true;

	public TcpProxy(String host, int port) {
		this.host = host;
		this.port = port;
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		daemon("proxy-accept", this::accept);
	}

	/** The port to connect to instead of the server's. */
	public int port() {
		return server.getLocalPort();
	}

	public void cut() {
		up = false;
		open.forEach(TcpProxy::closeQuietly);
		open.clear();
	}

	public void restore() {
		up = true;
	}

	@Override
	public void close() {
		cut();
		closeQuietly(server);
	}

	private void accept() {
		while (!server.isClosed()) {
			Socket client;
			try {
				client = server.accept();
			}
			catch (IOException ex) {
				continue; // closed: the loop ends
			}
			if (!up) {
				closeQuietly(client);
				continue;
			}
			try {
				Socket upstream = new Socket(host, port);
				open.add(client);
				open.add(upstream);
				daemon("proxy-up", () -> pump(client, upstream));
				daemon("proxy-down", () -> pump(upstream, client));
			}
			catch (IOException ex) {
				closeQuietly(client);
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			for (int n; (n = in.read(buffer)) >= 0;) {
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
			open.remove(from);
			open.remove(to);
		}
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
