package gatehouse.bench;

import java.util.Arrays;

/** The timed samples of one call and their percentiles (nearest rank), in milliseconds. */
record LargeTimings(String name, long[] nanos, String answer) {

	double percentile(double p) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
	}

	String line() {
		return String.format("%-52s %5d %8.1f %8.1f %8.1f %8.1f   %s", name.length() > 52 ? name.substring(0, 52) : name,
				nanos.length, percentile(50), percentile(95), percentile(99), percentile(100), answer);
	}

}
