package org.gatehouse.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One Gatehouse process started by {@link GatehouseNodes}: its port, its API, its console, its log. */
public final class GatehouseNode {

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private final String name;
	private final int port;
	private final Process process;
	private final Path log;
	private final Api api;

	GatehouseNode(String name, int port, Process process, Path log) {
		this.name = name;
		this.port = port;
		this.process = process;
		this.log = log;
		this.api = new Api(() -> port);
	}

	public String name() {
		return name;
	}

	public int port() {
		return port;
	}

	public Api api() {
		return api;
	}

	/** A fresh browser without JavaScript, pointed at this node. */
	public Console console() {
		return new Console(port);
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	/** Waits until {@code /actuator/health/readiness} says UP; fails at once if the process dies. */
	public GatehouseNode awaitReady() {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("node " + name + " exited with " + process.exitValue() + " before it was ready:\n"
						+ logTail(60));
			}
			try {
				HttpResponse<String> answer = http.send(readiness, HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
					return this;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			pause(Duration.ofMillis(200));
		}
		throw new AssertionError("node " + name + " was not ready within " + STARTUP + ":\n" + logTail(60));
	}

	/** Waits for the process to end by itself (e.g. at a crash point) and returns its exit code. */
	public int awaitExit(Duration patience) {
		try {
			if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("node " + name + " still runs after " + patience + ":\n" + logTail(30));
			}
			return process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Ends the process at once, as {@code kill -9} does. */
	public void kill() {
		if (process.isAlive()) {
			process.destroyForcibly();
			try {
				process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The last lines the node logged. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log at " + log + ": " + ex.getMessage() + ")";
		}
	}

	/** Whether the node's log contains this text. */
	public boolean logged(String text) {
		try {
			return Files.readString(log, StandardCharsets.UTF_8).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "node " + name + " on port " + port;
	}

}
