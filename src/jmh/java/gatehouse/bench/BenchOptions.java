package gatehouse.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code --name=value} options of a driver run from {@code bench/run.sh}, which also quiets its logging. */
final class BenchOptions {

	private final Map<String, String> values = new LinkedHashMap<>();

	BenchOptions(String[] args) {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (!arg.startsWith("--") || eq < 0) {
				throw new IllegalArgumentException("options are --name=value: " + arg);
			}
			this.values.put(arg.substring(2, eq), arg.substring(eq + 1));
		}
	}

	/** The option's value, {@code otherwise} when it is not given; a {@code null} otherwise makes it required. */
	String get(String name, String otherwise) {
		String value = this.values.getOrDefault(name, otherwise);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + "= is required");
		}
		return value;
	}

}
