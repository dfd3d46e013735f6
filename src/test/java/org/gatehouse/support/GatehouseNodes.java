package org.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Gatehouse as separate processes ({@code java -jar target/gatehouse.jar}) on one fresh PostgreSQL
 * database, as several nodes behind a load balancer run it: the same encryption key, the JVM's
 * GreenMail server as their SMTP server, mail dispatched every 200 ms. The jar exists from the
 * {@code package} phase on, so tests using this run in the PostgreSQL execution of
 * {@code ./mvnw verify} (integration-test phase). Closing kills every node it started.
 */
public final class GatehouseNodes implements AutoCloseable {

	public static final Path JAR = Path.of("target", "gatehouse.jar");

	/** Node ports come from below the system's ephemeral range; see {@link #freePort()}. */
	private static final int FIRST_PORT = 20_000;

	private static final int PORTS = 12_000;

	private static final AtomicInteger NEXT_PORT = new AtomicInteger((int) (ProcessHandle.current().pid() * 97 % PORTS));

	private final String url;
	private final String user;
	private final String password;
	private final String encryptionKey;
	private final Path dataDir;
	private final JdbcClient jdbc;
	private final List<GatehouseNode> nodes = new CopyOnWriteArrayList<>();

	private GatehouseNodes(Map<String, Object> datasource) {
		this.url = (String) datasource.get("spring.datasource.url");
		this.user = (String) datasource.get("spring.datasource.username");
		this.password = (String) datasource.get("spring.datasource.password");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.encryptionKey = Base64.getEncoder().encodeToString(key);
		this.dataDir = Path.of("target", "nodes", UUID.randomUUID().toString()).toAbsolutePath();
		this.jdbc = JdbcClient.create(new DriverManagerDataSource(url, user, password));
		Runtime.getRuntime().addShutdownHook(new Thread(this::close, "gatehouse-nodes-kill"));
	}

	/** A fresh PostgreSQL database (see {@link TestEnvironment}) for the nodes this starts. */
	public static GatehouseNodes onFreshDatabase() {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: node tests run after the package "
					+ "phase (./mvnw verify)");
		}
		return new GatehouseNodes(TestEnvironment.freshPostgresqlDatabase());
	}

	/** The JDBC URL of the nodes' database, e.g. to put a proxy in front of it. */
	public String databaseUrl() {
		return url;
	}

	/** The nodes' database, for assertions on what is stored. */
	public JdbcClient jdbc() {
		return jdbc;
	}

	/** The messages the nodes sent through the JVM's GreenMail server, and their outbox. */
	public Mailbox mailbox() {
		return new Mailbox(TestMailServer.get(), jdbc);
	}

	/** Starts a node and waits until it is ready. */
	public GatehouseNode start(String name) {
		return launch(name, Map.of()).awaitReady();
	}

	/**
	 * Launches a node without waiting for it; {@code settings} (property name to value) override or
	 * add to the defaults, e.g. {@code gatehouse.fault-injection.crash-at}.
	 */
	public GatehouseNode launch(String name, Map<String, String> settings) {
		int port = freePort();
		List<String> command = new ArrayList<>(NodeCommand.prefix(arguments("training", 0, Map.of())));
		command.addAll(arguments(name, port, settings));
		Path log = dataDir.resolve(name + "-" + port + ".log");
		try {
			Files.createDirectories(dataDir);
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			GatehouseNode node = new GatehouseNode(name, port, process, log);
			nodes.add(node);
			return node;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start node " + name, ex);
		}
	}

	/**
	 * Runs an operator's command ({@code java -jar gatehouse.jar <words>}, e.g. {@code support
	 * create-agent ...}) on the nodes' database and returns what it printed; fails unless it exits
	 * with 0 within two minutes.
	 */
	public String command(String... words) {
		String name = "command-" + words[0] + "-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> command = new ArrayList<>(NodeCommand.prefix(arguments("training", 0, Map.of())));
		command.addAll(List.of(words));
		command.addAll(arguments(name, 0, Map.of()));
		Path log = dataDir.resolve(name + ".log");
		try {
			Files.createDirectories(dataDir);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
			boolean ended = process.waitFor(2, TimeUnit.MINUTES);
			if (!ended) {
				process.destroyForcibly();
			}
			String printed = Files.readString(log);
			if (!ended || process.exitValue() != 0) {
				throw new AssertionError("the command " + List.of(words) + " failed:\n" + printed);
			}
			return printed;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run " + List.of(words), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private List<String> arguments(String name, int port, Map<String, String> settings) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.profiles.active", "postgres");
		properties.put("server.port", Integer.toString(port));
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", user);
		properties.put("spring.datasource.password", password);
		properties.put("spring.datasource.hikari.maximum-pool-size", "5");
		properties.put("spring.mail.host", TestMailServer.HOST);
		properties.put("spring.mail.port", Integer.toString(TestMailServer.get().port()));
		properties.put("gatehouse.encryption.key", encryptionKey);
		properties.put("gatehouse.data-dir", dataDir.resolve(name).toString());
		properties.put("gatehouse.mail.poll-interval", "200ms");
		properties.put("gatehouse.base-url", Fixtures.BASE_URL);
		properties.putAll(settings);
		List<String> arguments = new ArrayList<>();
		properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
		return arguments;
	}

	/** Kills every node still running, as {@code kill -9} would. */
	@Override
	public void close() {
		nodes.forEach(GatehouseNode::kill);
	}

	/**
	 * A port free now, below the system's ephemeral range (Linux: 32768-60999). A port the system
	 * handed out for the asking was sometimes taken, before the node bound it, by one of the many
	 * outgoing connections (database, SMTP, HTTP) of nodes starting at the same time, which the
	 * system numbers from that same range ("Port 33767 was already in use", CrashSafetyIntegrationTests
	 * in CI). Each JVM starts at its own offset and never hands a port out twice.
	 */
	static int freePort() {
		for (int attempt = 0; attempt < PORTS; attempt++) {
			int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORTS);
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return port;
			}
			catch (IOException busy) {
				// taken: try the next one
			}
		}
		throw new IllegalStateException("no free port between " + FIRST_PORT + " and " + (FIRST_PORT + PORTS));
	}

}
