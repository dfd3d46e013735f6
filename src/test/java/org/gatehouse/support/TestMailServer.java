package org.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** One GreenMail SMTP server per test JVM, on a free loopback port; every Spring context sends to it. */
public final class TestMailServer {

	public static final String HOST = "127.0.0.1";

	private static TestMailServer instance;

	private final GreenMail greenMail;
	private final int port;
	private boolean running = true;

	private TestMailServer(int port) {
		this.port = port;
		this.greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
		this.greenMail.start();
	}

	public static synchronized TestMailServer get() {
		if (instance == null) {
			instance = new TestMailServer(freePort());
			Runtime.getRuntime().addShutdownHook(new Thread(instance.greenMail::stop, "greenmail-stop"));
		}
		return instance;
	}

	public int port() {
		return port;
	}

	/** Takes the SMTP server away, as in a mail outage. */
	public synchronized void stop() {
		if (running) {
			greenMail.stop();
			running = false;
		}
	}

	/** Brings the SMTP server back on the same port. */
	public synchronized void start() {
		if (!running) {
			greenMail.start();
			running = true;
		}
	}

	GreenMail greenMail() {
		return greenMail;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("no free port for the test mail server", ex);
		}
	}

}
