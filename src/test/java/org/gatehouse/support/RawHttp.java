package org.gatehouse.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 written by hand over a socket, for the requests Java's HTTP client will not send: a
 * {@code Host} header of the caller's choosing (the client always writes the address it connects to).
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends one request to 127.0.0.1. The headers come in name, value pairs and are written as given,
	 * {@code Host} included; a body is sent as a form.
	 */
	public Response send(String method, String path, String body, String... headers) {
		return exchange(method, path, "application/x-www-form-urlencoded", body, headers);
	}

	/** As {@link #send}, with a JSON body. */
	public Response json(String method, String path, String body, String... headers) {
		return exchange(method, path, "application/json", body, headers);
	}

	private Response exchange(String method, String path, String contentType, String body, String... headers) {
		StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
		for (int i = 0; i < headers.length; i += 2) {
			request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
		}
		byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
		if (body != null) {
			request.append("Content-Type: ").append(contentType).append("\r\n");
		}
		request.append("Content-Length: ").append(content.length).append("\r\nConnection: close\r\n\r\n");
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " failed", ex);
		}
	}

	private static Response parse(byte[] raw) throws IOException {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
				.add(lines[i].substring(colon + 1).strip());
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
		if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
			body = dechunk(new java.io.ByteArrayInputStream(body));
		}
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		while (true) {
			StringBuilder size = new StringBuilder();
			int c;
			while ((c = in.read()) != '\n' && c != -1) {
				if (c != '\r') {
					size.append((char) c);
				}
			}
			int length = Integer.parseInt(size.toString().split(";")[0].strip(), 16);
			if (length == 0) {
				return out.toByteArray();
			}
			out.write(in.readNBytes(length));
			in.readNBytes(2);
		}
	}

	/** One answer: the status, the headers by lower-case name, and the body. */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public Optional<String> header(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
		}

		public List<String> all(String name) {
			return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

	}

}
