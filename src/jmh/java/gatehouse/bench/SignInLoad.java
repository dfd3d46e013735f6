package gatehouse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.gatehouse.hashing.PasswordHashing;
import org.gatehouse.support.Api;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.gatehouse.support.Api.json;

/**
 * The sign-in load driver. Against a running packaged service it makes (or reuses) an
 * organization of N users with TOTP authenticators, then performs complete sign-ins, password
 * then a fresh code, at each requested concurrency for a set time, and prints sign-ins per
 * second, latency percentiles and errors; beside them the bare Argon2id rate of this machine
 * and the service's resident memory. Options (all {@code --name=value}):
 * <ul>
 * <li>{@code port} of the service (required); {@code smtp-port}: run the mail server the
 * service was pointed at (needed to seed); {@code state}: the seed file (default
 * {@code target/bench/seed.tsv}); {@code users} (2000)</li>
 * <li>{@code concurrency} (4,16,64), {@code warmup} and {@code duration} in seconds (10, 60)</li>
 * <li>{@code admin-share}: the part of operations that are administrative reads instead of
 * sign-ins (0); {@code spray}: threads spraying wrong passwords from one client address (0)</li>
 * <li>{@code pid}: the service's process, for memory; {@code jdbc}: its PostgreSQL database,
 * for the count of open connections; {@code sample}: seconds between resource lines (0: none)</li>
 * <li>{@code argon2}: measure the bare Argon2id rate before and after each level (true)</li>
 * </ul>
 */
public final class SignInLoad {

	private static final String SPRAY_CLIENT = "198.51.100.66";

	private final BenchOptions options;

	private final Api api;

	private final Resources resources;

	private BenchSeed seed;

	private volatile String adminToken;

	/** The sign-in threads' own connections (see {@link LeanHttp} for why not the JDK's client). */
	private final ThreadLocal<LeanHttp> connections = ThreadLocal
		.withInitial(() -> new LeanHttp(Integer.parseInt(option("port", null))));

	private SignInLoad(BenchOptions options) {
		this.options = options;
		this.api = new Api(() -> Integer.parseInt(option("port", null)));
		this.resources = new Resources(Long.parseLong(option("pid", "0")), option("jdbc", ""));
	}

	public static void main(String[] args) throws Exception {
		int errors = new SignInLoad(new BenchOptions(args)).run();
		System.exit(errors == 0 ? 0 : 1);
	}

	private String option(String name, String otherwise) {
		return this.options.get(name, otherwise);
	}

	private int run() throws Exception {
		int smtpPort = Integer.parseInt(option("smtp-port", "0"));
		GreenMail mail = smtpPort > 0 ? new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp")) : null;
		if (mail != null) {
			mail.start();
		}
		try {
			Path state = Path.of(option("state", "target/bench/seed.tsv"));
			this.seed = BenchSeed.loadOrCreate(state, this.api, mail, Integer.parseInt(option("users", "2000")), 4);
			Path lastRun = Path.of(state + ".last-step");
			if (Files.exists(lastRun)) {
				List<String> secrets = new ArrayList<>();
				secrets.add(this.seed.chief().secret());
				this.seed.users().forEach(u -> secrets.add(u.secret()));
				long spent = Long.parseLong(Files.readString(lastRun).trim());
				Codes.usedUpTo(secrets, spent);
				while (Codes.step() <= spent) {
					BenchSeed.sleep(100);
				}
			}
			try {
				return measure();
			}
			finally {
				Files.writeString(lastRun, Long.toString(Codes.step()));
			}
		}
		finally {
			if (mail != null) {
				mail.stop();
			}
		}
	}

	private int measure() throws Exception {
		int cores = Runtime.getRuntime().availableProcessors();
		System.out.printf("machine: %d cores, driver on Java %s; service pid %s%n", cores,
				System.getProperty("java.version"), option("pid", "unknown"));
		awaitMailDelivered();
		this.resources.print("idle");
		boolean bare = Boolean.parseBoolean(option("argon2", "true"));
		double before = bare ? argon2Rate(cores) : 0;
		double adminShare = Double.parseDouble(option("admin-share", "0"));
		if (adminShare > 0) {
			this.adminToken = BenchSeed.signIn(this.api, this.seed.slug(), this.seed.chief());
		}
		int errors = 0;
		for (String level : option("concurrency", "4,16,64").split(",")) {
			this.resources.vacuum();
			Result result = load(Integer.parseInt(level.trim()), Integer.parseInt(option("warmup", "10")),
					Integer.parseInt(option("duration", "60")), adminShare, Integer.parseInt(option("spray", "0")));
			// the machine's speed drifts (the bare rate moved by a third within 15 minutes on a shared host): each level
			// is compared with the bare rate measured right before and right after it
			double after = bare ? argon2Rate(cores) : 0;
			result.print(before, after);
			before = after;
			errors += result.errors();
		}
		this.resources.print("after load");
		System.out.printf("peak RSS of the service during the run: %d MB%n", this.resources.peakRssMb());
		return errors;
	}

	/** Verifications per second of the service's Argon2id on all cores of this machine, here in the driver. */
	private static double argon2Rate(int threads) throws InterruptedException {
		PasswordEncoder encoder = PasswordHashing.argon2id(true);
		String hash = encoder.encode(BenchSeed.PASSWORD);
		AtomicLong done = new AtomicLong();
		long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
		long end = warmupEnd + TimeUnit.SECONDS.toNanos(10);
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			workers.add(started("argon2", () -> {
				while (System.nanoTime() < end) {
					encoder.matches(BenchSeed.PASSWORD, hash);
					if (System.nanoTime() > warmupEnd && System.nanoTime() < end) {
						done.incrementAndGet();
					}
				}
			}));
		}
		for (Thread worker : workers) {
			worker.join();
		}
		double rate = done.get() / 10.0;
		System.out.printf("argon2id bare rate (%s, %d threads, m=%d KiB t=%d p=%d): %.1f verifications/s%n", encoder,
				threads, PasswordHashing.MEMORY_KIB, PasswordHashing.ITERATIONS, PasswordHashing.PARALLELISM, rate);
		return rate;
	}

	private Result load(int concurrency, int warmupSeconds, int durationSeconds, double adminShare, int sprayThreads)
			throws InterruptedException {
		long start = System.nanoTime();
		long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
		long end = measureFrom + TimeUnit.SECONDS.toNanos(durationSeconds);
		Recorder signIns = new Recorder(3);
		Recorder admin = new Recorder(3);
		AtomicInteger errors = new AtomicInteger();
		AtomicInteger starved = new AtomicInteger();
		AtomicInteger cursor = new AtomicInteger(ThreadLocalRandom.current().nextInt(this.seed.users().size()));
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			threads.add(started("sign-in-" + i, () -> {
				while (System.nanoTime() < end) {
					boolean adminCall = adminShare > 0 && ThreadLocalRandom.current().nextDouble() < adminShare;
					long began = System.nanoTime();
					try {
						if (adminCall) {
							adminCall();
						}
						else if (!signIn(cursor)) {
							starved.incrementAndGet();
							BenchSeed.sleep(50);
							continue;
						}
					}
					catch (RuntimeException | AssertionError ex) {
						if (errors.incrementAndGet() <= 5) {
							System.out.println("error: " + ex.getMessage());
						}
						continue;
					}
					long finished = System.nanoTime();
					if (began >= measureFrom && finished <= end) {
						(adminCall ? admin : signIns).recordValue(TimeUnit.NANOSECONDS.toMicros(finished - began));
					}
				}
			}));
		}
		Map<Integer, AtomicInteger> sprayAnswers = new java.util.concurrent.ConcurrentHashMap<>();
		Api sprayer = this.api.withHeader("X-Forwarded-For", SPRAY_CLIENT);
		for (int i = 0; i < sprayThreads; i++) {
			threads.add(started("spray-" + i, () -> {
				while (System.nanoTime() < end) {
					BenchSeed.Person target = this.seed.users()
						.get(ThreadLocalRandom.current().nextInt(this.seed.users().size()));
					int status = sprayer.post("/login", json("organization", this.seed.slug(), "email", target.email(),
							"password", "wrong " + ThreadLocalRandom.current().nextInt())).status();
					sprayAnswers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
				}
			}));
		}
		Thread sampler = this.resources.sampleUntil(end, Integer.parseInt(option("sample", "0")));
		while (System.nanoTime() < measureFrom) {
			BenchSeed.sleep(10);
		}
		long[] cpuBefore = this.resources.cpuTicks();
		double hashCpuBefore = hashCpuSeconds();
		signIns.getIntervalHistogram();
		admin.getIntervalHistogram();
		while (System.nanoTime() < end) {
			BenchSeed.sleep(10);
		}
		long[] cpuAfter = this.resources.cpuTicks();
		double hashCpu = hashCpuSeconds() - hashCpuBefore;
		Histogram measuredSignIns = signIns.getIntervalHistogram();
		Histogram measuredAdmin = admin.getIntervalHistogram();
		for (Thread thread : threads) {
			thread.join();
		}
		sampler.join();
		long[] cpu = new long[cpuAfter.length];
		for (int i = 0; i < cpu.length; i++) {
			cpu[i] = cpuAfter[i] - cpuBefore[i];
		}
		return new Result(concurrency, sprayThreads, durationSeconds, measuredSignIns, measuredAdmin, errors.get(),
				starved.get(), Map.copyOf(sprayAnswers), cpu, hashCpu);
	}

	/** The service's own count of processor seconds spent computing password hashes. */
	private double hashCpuSeconds() {
		return serviceMetric("gatehouse_password_hash_cpu_seconds_total");
	}

	/** One untagged metric from the service's Prometheus endpoint; NaN when it has none. */
	private double serviceMetric(String name) {
		String token = System.getenv("GATEHOUSE_METRICS_TOKEN"); // the operator's, which bench/run.sh gives both
		return this.api.withHeader("Accept", "text/plain").withHeader("Authorization", "Bearer " + token)
			.get("/actuator/prometheus").expect(200).body().lines()
			.filter(line -> line.startsWith(name + " "))
			.mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst().orElse(Double.NaN);
	}

	/**
	 * Seeding queues thousands of mails (invitations, new-device notices); the service sends them in the background. A run
	 * waits until they are out, so it does not measure the service delivering them.
	 */
	private void awaitMailDelivered() {
		// The outbox delivers at its own pace (a few thousand invitations take minutes), so this waits as long as
		// the queue shrinks and gives up only when a minute passes without one mail going out.
		double pending = serviceMetric("gatehouse_mail_pending");
		if (pending > 0) {
			System.out.printf("waiting for the service to deliver %.0f queued mails%n", pending);
		}
		long started = System.nanoTime();
		long progressed = started;
		while (pending > 0 && System.nanoTime() - progressed < TimeUnit.MINUTES.toNanos(1)) {
			BenchSeed.sleep(1000);
			double now = serviceMetric("gatehouse_mail_pending");
			if (now < pending) {
				progressed = System.nanoTime();
			}
			pending = now;
		}
		if (pending > 0) {
			throw new IllegalStateException(pending + " mails still queued and none delivered for a minute; see the service's log");
		}
		System.out.printf("queued mail delivered after %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
	}

	static Thread started(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/** One complete sign-in of the next user with an unused step; false when every user has signed in this step. */
	private boolean signIn(AtomicInteger cursor) {
		List<BenchSeed.Person> users = this.seed.users();
		for (int tries = 0; tries < users.size(); tries++) {
			BenchSeed.Person person = users.get(Math.floorMod(cursor.getAndIncrement(), users.size()));
			String code = Codes.claim(person.secret());
			if (code == null) {
				continue;
			}
			LeanHttp http = this.connections.get();
			LeanHttp.Reply password = http.post("/api/v1/login", "{\"organization\":\"" + this.seed.slug()
					+ "\",\"email\":\"" + person.email() + "\",\"password\":\"" + BenchSeed.PASSWORD + "\"}");
			if (password.status() != 200 || !"MFA_CHALLENGE".equals(password.text("next"))) {
				throw new IllegalStateException("expected the MFA challenge: " + password);
			}
			LeanHttp.Reply finished = http.post("/api/v1/login/mfa",
					"{\"loginToken\":\"" + password.text("loginToken") + "\",\"code\":\"" + code + "\"}");
			String access = finished.text("accessToken");
			if (finished.status() != 200 || access == null || access.isEmpty()) {
				throw new IllegalStateException("no access token for " + person.email() + ": " + finished);
			}
			return true;
		}
		return false;
	}

	private static final String[] ADMIN_CALLS = { "/users?mfa=none", "/users?page=5", "/users?q=User%201",
			"/roles", "/organization/security", "/audit-events" };

	private void adminCall() {
		String path = ADMIN_CALLS[ThreadLocalRandom.current().nextInt(ADMIN_CALLS.length)];
		Api.Response answer = this.api.get(path, this.adminToken);
		if (answer.status() == 401) {
			this.adminToken = BenchSeed.signIn(this.api, this.seed.slug(), this.seed.chief());
			answer = this.api.get(path, this.adminToken);
		}
		answer.expect(200);
	}

	private record Result(int concurrency, int spray, int seconds, Histogram signIns, Histogram admin, int errors,
			int starved, Map<Integer, AtomicInteger> sprayAnswers, long[] cpuTicks, double hashCpuSeconds) {

		void print(double bareBefore, double bareAfter) {
			double rate = this.signIns.getTotalCount() / (double) this.seconds;
			double argon2 = (bareBefore + bareAfter) / 2;
			System.out.printf("concurrency %d%s: %.1f sign-ins/s%s, latency p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms;"
					+ " errors %d%s%n", this.concurrency, this.spray > 0 ? " with " + this.spray + " spraying" : "", rate,
					argon2 > 0 ? String.format(" (%.2f of the bare Argon2id rate, %.1f/s before and %.1f/s after)",
							rate / argon2, bareBefore, bareAfter) : "",
					ms(this.signIns, 50), ms(this.signIns, 95), ms(this.signIns, 99), this.signIns.getMaxValue() / 1000.0,
					this.errors, this.starved > 0 ? "; waited for a fresh step " + this.starved + " times" : "");
			long done = Math.max(1, this.signIns.getTotalCount() + this.admin.getTotalCount());
			if (this.cpuTicks[0] >= 0) {
				System.out.printf("  CPU per operation: service %.1f ms, PostgreSQL %.1f ms, this driver %.1f ms"
						+ " (machine busy %.0f %% of %d cores)%n", this.cpuTicks[0] * 10.0 / done, this.cpuTicks[1] * 10.0 / done,
						this.cpuTicks[2] * 10.0 / done, this.cpuTicks[3] * 100.0 / (this.seconds * 100.0 * Runtime.getRuntime().availableProcessors()),
						Runtime.getRuntime().availableProcessors());
				System.out.printf("  of the service's: password hashing %.1f ms per operation (its own count), everything else %.1f ms%n",
						this.hashCpuSeconds * 1000 / done, this.cpuTicks[0] * 10.0 / done - this.hashCpuSeconds * 1000 / done);
				// independent of the host's speed, which moves the bare rate between two measurements a minute apart
				System.out.printf("  password hashing's share of the CPU of service, PostgreSQL and driver: %.2f%n",
						this.hashCpuSeconds * 100 / Math.max(1, this.cpuTicks[0] + this.cpuTicks[1] + this.cpuTicks[2]));
			}
			if (this.admin.getTotalCount() > 0) {
				System.out.printf("  admin calls: %.1f/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms%n",
						this.admin.getTotalCount() / (double) this.seconds, ms(this.admin, 50), ms(this.admin, 95),
						ms(this.admin, 99));
			}
			if (this.spray > 0) {
				System.out.printf("  spray answers by status: %s%n", this.sprayAnswers);
			}
		}

		private static double ms(Histogram histogram, double percentile) {
			return histogram.getValueAtPercentile(percentile) / 1000.0;
		}

	}

	/** The service's resident memory, threads and open files from /proc, and its PostgreSQL connections. */
	private static final class Resources {

		private final long pid;

		private final String jdbc;

		private final AtomicLong peakRssKb = new AtomicLong();

		Resources(long pid, String jdbc) {
			this.pid = pid;
			this.jdbc = jdbc;
		}

		/** CPU time in clock ticks (1/100 s) of the service, of all PostgreSQL processes, of this driver, and of the machine. */
		long[] cpuTicks() {
			long database = 0;
			try (var processes = Files.list(Path.of("/proc"))) {
				for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
					try {
						if (Files.readString(process.resolve("comm")).trim().startsWith("postgres")) {
							database += ticks(process);
						}
					}
					catch (java.io.IOException gone) {
						// ended meanwhile
					}
				}
				String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				long busy = 0;
				for (int i = 1; i <= 8 && i < cpu.length; i++) {
					busy += (i == 4 || i == 5) ? 0 : Long.parseLong(cpu[i]);
				}
				long service = this.pid > 0 ? ticks(Path.of("/proc/" + this.pid)) : 0;
				return new long[] { service, database, ticks(Path.of("/proc/self")), busy };
			}
			catch (java.io.IOException ex) {
				return new long[] { -1, -1, -1, -1 };
			}
		}

		private static long ticks(Path process) throws java.io.IOException {
			String stat = Files.readString(process.resolve("stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}

		long peakRssMb() {
			return this.peakRssKb.get() / 1024;
		}

		Thread sampleUntil(long end, int printEverySeconds) {
			return started("resources", () -> {
				long nextPrint = System.nanoTime() + TimeUnit.SECONDS.toNanos(printEverySeconds);
				while (System.nanoTime() < end) {
					rssKb();
					if (printEverySeconds > 0 && System.nanoTime() >= nextPrint) {
						print("t=" + Instant.now().toString().substring(11, 19));
						nextPrint += TimeUnit.SECONDS.toNanos(printEverySeconds);
					}
					BenchSeed.sleep(250);
				}
			});
		}

		void print(String when) {
			if (this.pid <= 0) {
				return;
			}
			System.out.printf("service %s: RSS %d MB, %s threads, %d open files%s%n", when, rssKb() / 1024,
					status("Threads:"), openFiles(), this.jdbc.isEmpty() ? "" : ", " + connections() + " database connections");
		}

		private long rssKb() {
			String rss = status("VmRSS:");
			long kb = rss.isEmpty() ? 0 : Long.parseLong(rss.replace("kB", "").trim());
			this.peakRssKb.accumulateAndGet(kb, Math::max);
			return kb;
		}

		private String status(String field) {
			try {
				return Files.readAllLines(Path.of("/proc/" + this.pid + "/status")).stream()
					.filter(line -> line.startsWith(field)).map(line -> line.substring(field.length()).trim())
					.findFirst().orElse("");
			}
			catch (java.io.IOException ex) {
				return "";
			}
		}

		private long openFiles() {
			try (var files = Files.list(Path.of("/proc/" + this.pid + "/fd"))) {
				return files.count();
			}
			catch (java.io.IOException ex) {
				return -1;
			}
		}

		/**
		 * Seeding and each measured level leave dead rows behind (tokens, sessions, mail), and the planner needs
		 * statistics. A production PostgreSQL's autovacuum deals with both between two such bursts; where it is off
		 * (as on the machines this runs on), the next level would measure a bloated, unanalyzed database (after seeding
		 * 4,000 users, app_user held twice as many dead rows as live ones). So the driver vacuums and analyzes before each
		 * level, as bench/large-org.sh does after its bulk load.
		 */
		void vacuum() {
			if (this.jdbc.isEmpty()) {
				return;
			}
			long started = System.nanoTime();
			try (Connection db = DriverManager.getConnection(this.jdbc, "postgres", "");
					Statement statement = db.createStatement()) {
				statement.execute("VACUUM ANALYZE");
				ResultSet autovacuum = statement.executeQuery("SHOW autovacuum");
				autovacuum.next();
				System.out.printf("database vacuumed and analyzed in %d ms (the server's autovacuum: %s)%n",
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), autovacuum.getString(1));
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not vacuum the service's database", ex);
			}
		}

		private int connections() {
			try (Connection db = DriverManager.getConnection(this.jdbc, "postgres", "");
					ResultSet rows = db.createStatement().executeQuery("select count(*) from pg_stat_activity"
							+ " where datname = current_database() and pid <> pg_backend_pid()")) {
				rows.next();
				return rows.getInt(1);
			}
			catch (SQLException ex) {
				return -1;
			}
		}

	}

}
