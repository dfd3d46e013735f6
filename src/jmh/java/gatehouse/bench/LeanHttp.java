package gatehouse.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The sign-in driver's HTTP/1.1 client: one kept-alive connection per driver thread, a request
 * written in one piece, the answer read with its length or its chunks. It exists because the
 * driver shares the service's two cores: the JDK's asynchronous client spent 6–7 ms of processor
 * per sign-in there (its selector and executor threads), which a benchmark of the service must not
 * take from the service. Only what the sign-in calls need: POST of a JSON body, the status and the
 * body back.
 */
final class LeanHttp implements AutoCloseable {

	record Reply(int status, String body) {

		/** A string field of a flat JSON answer, or null ({@code "name":"value"}, no escapes in the value). */
		String text(String field) {
			String key = "\"" + field + "\":\"";
			int start = this.body.indexOf(key);
			if (start < 0) {
				return null;
			}
			start += key.length();
			return this.body.substring(start, this.body.indexOf('"', start));
		}

	}

	private final int port;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	LeanHttp(int port) {
		this.port = port;
	}

	Reply post(String path, String json) {
		try {
			return exchange(path, json);
		}
		catch (IOException stale) {
			// a kept-alive connection the service closed meanwhile: once more on a new one
			close();
			try {
				return exchange(path, json);
			}
			catch (IOException ex) {
				close();
				throw new UncheckedIOException("POST " + path + " failed", ex);
			}
		}
	}

	private Reply exchange(String path, String json) throws IOException {
		if (this.socket == null) {
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			this.socket.setSoTimeout(30_000);
			this.in = new BufferedInputStream(this.socket.getInputStream(), 8192);
			this.out = this.socket.getOutputStream();
		}
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + this.port
				+ "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + body.length
				+ "\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		this.out.write(request);
		this.out.flush();
		String status = line();
		if (status == null) {
			throw new IOException("connection closed before an answer");
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closing = false;
		for (String header = line(); header != null && !header.isEmpty(); header = line()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				closing = true;
			}
		}
		ByteArrayOutputStream received = new ByteArrayOutputStream(512);
		if (chunked) {
			for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
				received.write(this.in.readNBytes(size));
				line();
			}
			line();
		}
		else if (length > 0) {
			received.write(this.in.readNBytes((int) length));
		}
		if (closing) {
			close();
		}
		return new Reply(code, received.toString(StandardCharsets.UTF_8));
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int c = this.in.read(); c != -1; c = this.in.read()) {
			if (c == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) c);
		}
		return line.isEmpty() ? null : line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ignored) {
				// closing anyway
			}
			this.socket = null;
		}
	}

}
