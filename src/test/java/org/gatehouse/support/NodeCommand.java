package org.gatehouse.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How {@link GatehouseNodes} starts a node: {@code java -jar target/gatehouse.jar}, on the newest
 * JDK present. On JDK 25 or newer the jar is first extracted and one training run records an AOT
 * cache (JEP 483/514), kept in {@code target/node-aot} until the jar changes: each later start then
 * costs less than half the CPU, which matters when a test class starts seven nodes on two cores.
 * Whatever goes wrong there, nodes start from the plain jar.
 */
final class NodeCommand {

	private static final Path NEWEST_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
	private static final Path AOT_DIR = Path.of("target", "node-aot").toAbsolutePath();
	/** As a server ships: with the bean definitions Spring AOT compiled into the jar (bin/gatehouse sets the same). */
	private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Dspring.aot.enabled=true");

	private static List<String> prefix;

	private NodeCommand() {
	}

	/** {@code java <options> -jar <jar>}; the first call may train the AOT cache with these arguments. */
	static synchronized List<String> prefix(List<String> trainingArguments) {
		if (prefix == null) {
			Path java = java();
			Path aotJar = aotCache(java, trainingArguments);
			List<String> command = new ArrayList<>(List.of(java.toString()));
			command.addAll(JVM_OPTIONS);
			if (aotJar != null) {
				command.add("-XX:AOTCache=" + AOT_DIR.resolve("gatehouse.aot"));
			}
			command.addAll(List.of("-jar", (aotJar == null ? GatehouseNodes.JAR.toAbsolutePath() : aotJar).toString()));
			prefix = List.copyOf(command);
		}
		return prefix;
	}

	private static Path java() {
		return Files.isExecutable(NEWEST_JDK) ? NEWEST_JDK : Path.of(System.getProperty("java.home"), "bin", "java");
	}

	/** The extracted jar, with a trained AOT cache next to it; null when the JDK cannot or training failed. */
	private static Path aotCache(Path java, List<String> trainingArguments) {
		if (!java.equals(NEWEST_JDK) && Runtime.version().feature() < 25) {
			return null;
		}
		Path jar = AOT_DIR.resolve("app").resolve("gatehouse.jar");
		Path cache = AOT_DIR.resolve("gatehouse.aot");
		Path stamp = AOT_DIR.resolve("stamp");
		try {
			String built = Files.size(GatehouseNodes.JAR) + "@" + Files.getLastModifiedTime(GatehouseNodes.JAR).toMillis();
			if (Files.isRegularFile(cache) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(built)) {
				return jar;
			}
			deleteRecursively(AOT_DIR);
			Files.createDirectories(AOT_DIR);
			run(List.of(java.toString(), "-Djarmode=tools", "-jar", GatehouseNodes.JAR.toAbsolutePath().toString(),
					"extract", "--destination", AOT_DIR.resolve("app").toString()), "extract");
			List<String> training = new ArrayList<>(List.of(java.toString()));
			training.addAll(JVM_OPTIONS);
			training.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh", "-jar",
					jar.toString()));
			training.addAll(trainingArguments);
			run(training, "training");
			if (!Files.isRegularFile(cache)) {
				return null;
			}
			Files.writeString(stamp, built);
			return jar;
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("node AOT cache not used (" + ex + "); nodes start from the plain jar");
			return null;
		}
	}

	private static void run(List<String> command, String name) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(AOT_DIR.resolve(name + ".log").toFile())
			.start();
		try {
			if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new IOException(name + " failed, see " + AOT_DIR.resolve(name + ".log"));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException(name + " interrupted", ex);
		}
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
