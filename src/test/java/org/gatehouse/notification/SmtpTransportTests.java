package org.gatehouse.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SMTP delivery against a real SMTP server (GreenMail) behind a relay that counts the connections
 * made to it and can cut them, as a server or a network does.
 */
class SmtpTransportTests {

	GreenMail server;

	Relay relay;

	SmtpTransport transport;

	@BeforeEach
	void start() throws IOException {
		server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		server.start();
		relay = new Relay(server.getSmtp().getPort());
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(relay.port());
		sender.setDefaultEncoding("UTF-8");
		transport = new SmtpTransport(sender);
	}

	@AfterEach
	void stop() throws IOException {
		relay.close();
		server.stop();
	}

	@Test
	void aRunDeliversAllItsMessagesOverOneConnection() throws Exception {
		try (MailTransport.Run run = transport.open()) {
			for (int i = 1; i <= 5; i++) {
				run.deliver("gatehouse@example.com", "user" + i + "@example.com", "Invitation " + i, "Body " + i + " é");
			}
		}

		MimeMessage[] received = server.getReceivedMessages();
		assertThat(received).hasSize(5);
		assertThat(received[4].getSubject()).isEqualTo("Invitation 5");
		assertThat(received[4].getAllRecipients()[0].toString()).isEqualTo("user5@example.com");
		assertThat(GreenMailUtil.getBody(received[4])).contains("Body 5");
		assertThat(received[4].getContentType()).containsIgnoringCase("charset=UTF-8");
		assertThat(relay.connections()).isEqualTo(1);
	}

	@Test
	void aRunConnectsAgainWhenTheServerHasClosedItsConnection() throws Exception {
		try (MailTransport.Run run = transport.open()) {
			run.deliver("gatehouse@example.com", "first@example.com", "First", "Body");
			relay.cutAll();
			run.deliver("gatehouse@example.com", "second@example.com", "Second", "Body");
		}

		assertThat(server.getReceivedMessages()).extracting(MimeMessage::getSubject).containsExactly("First", "Second");
		assertThat(relay.connections()).isEqualTo(2);
	}

	@Test
	void aServerThatCannotBeReachedIsReportedAsUnreachable() throws Exception {
		int nobodyListens;
		try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			nobodyListens = closed.getLocalPort();
		}
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(nobodyListens);

		try (MailTransport.Run run = new SmtpTransport(sender).open()) {
			assertThatExceptionOfType(MailTransport.Unreachable.class)
				.isThrownBy(() -> run.deliver("gatehouse@example.com", "user@example.com", "Lost", "Body"));
		}
		assertThat(server.getReceivedMessages()).isEmpty();
	}

	@Test
	void aServerThatAcceptsAndThenStaysSilentIsGivenUpOnAfterTheTimeout() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			sender.setPort(silent.getLocalPort());
			sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "300");
			long started = System.nanoTime();

			try (MailTransport.Run run = new SmtpTransport(sender).open()) {
				assertThatExceptionOfType(MailTransport.Unreachable.class)
					.isThrownBy(() -> run.deliver("gatehouse@example.com", "user@example.com", "Held", "Body"));
			}
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		}
	}

	@Test
	void aServerThatGoesSilentDuringAMessageEndsTheRun() throws Exception {
		try (ScriptedServer stalling = new ScriptedServer(false)) {
			try (MailTransport.Run run = new SmtpTransport(stalling.sender()).open()) {
				assertThatExceptionOfType(MailTransport.Unreachable.class)
					.isThrownBy(() -> run.deliver("gatehouse@example.com", "user@example.com", "Held", "Body"));
			}
		}
	}

	@Test
	void messagesTheServerRefusesFailAloneAndTheRunKeepsItsConnection() throws Exception {
		try (ScriptedServer refusing = new ScriptedServer(true)) {
			try (MailTransport.Run run = new SmtpTransport(refusing.sender()).open()) {
				for (String to : new String[] { "gone@example.com", "left@example.com" }) {
					assertThatExceptionOfType(jakarta.mail.SendFailedException.class)
						.isThrownBy(() -> run.deliver("gatehouse@example.com", to, "Refused", "Body"));
				}
			}
			assertThat(refusing.connections.get()).isEqualTo(1);
		}
	}

	/**
	 * An SMTP server that greets and takes the sender, then either refuses every recipient (550) or stops
	 * answering, as a mailbox that no longer exists or a server that hangs.
	 */
	static final class ScriptedServer implements AutoCloseable {

		final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		final AtomicInteger connections = new AtomicInteger();
		final boolean refuse;

		ScriptedServer(boolean refuse) throws IOException {
			this.refuse = refuse;
			Thread serving = new Thread(this::serve, "scripted-smtp");
			serving.setDaemon(true);
			serving.start();
		}

		JavaMailSenderImpl sender() {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			sender.setPort(socket.getLocalPort());
			sender.getJavaMailProperties().setProperty("mail.smtp.timeout", "300");
			return sender;
		}

		private void serve() {
			while (!socket.isClosed()) {
				try (Socket client = socket.accept()) {
					connections.incrementAndGet();
					var in = new java.io.BufferedReader(new java.io.InputStreamReader(client.getInputStream()));
					OutputStream out = client.getOutputStream();
					reply(out, "220 scripted ESMTP");
					lines: for (String line = in.readLine(); line != null; line = in.readLine()) {
						String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(java.util.Locale.ROOT);
						switch (verb) {
							case "EHLO", "HELO", "RSET", "NOOP" -> reply(out, "250 ok");
							case "MAIL" -> {
								if (refuse) {
									reply(out, "250 ok");
								}
							}
							case "RCPT" -> reply(out, "550 5.1.1 no such mailbox");
							case "QUIT" -> {
								reply(out, "221 bye");
								break lines;
							}
							default -> reply(out, "502 not here");
						}
					}
				}
				catch (IOException ex) {
					// the client or the test closed the connection
				}
			}
		}

		private static void reply(OutputStream out, String line) throws IOException {
			out.write((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			out.flush();
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}

	}

	/** Forwards connections to the SMTP server, counting them; closing it refuses new ones. */
	static final class Relay implements AutoCloseable {

		private final ServerSocket socket;
		private final int target;
		private final AtomicInteger connections = new AtomicInteger();
		private final List<Socket> open = new CopyOnWriteArrayList<>();

		Relay(int target) throws IOException {
			this.target = target;
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread accepting = new Thread(this::accept, "smtp-relay");
			accepting.setDaemon(true);
			accepting.start();
		}

		int port() {
			return socket.getLocalPort();
		}

		int connections() {
			return connections.get();
		}

		void cutAll() throws IOException {
			for (Socket each : open) {
				each.close();
			}
		}

		@Override
		public void close() throws IOException {
			socket.close();
			cutAll();
		}

		private void accept() {
			while (!socket.isClosed()) {
				try {
					Socket client = socket.accept();
					Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
					connections.incrementAndGet();
					open.add(client);
					open.add(upstream);
					pipe(client, upstream);
					pipe(upstream, client);
				}
				catch (IOException ex) {
					// closed
				}
			}
		}

		private static void pipe(Socket from, Socket to) {
			Thread copying = new Thread(() -> {
				try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
					in.transferTo(out);
				}
				catch (IOException ex) {
					// one side is gone
				}
				finally {
					try {
						from.close();
						to.close();
					}
					catch (IOException ex) {
						// already closed
					}
				}
			}, "smtp-relay-pipe");
			copying.setDaemon(true);
			copying.start();
		}

	}

}
