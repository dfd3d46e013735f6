package gatehouse.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gatehouse.support.Api;
import org.gatehouse.support.Console;
import tools.jackson.databind.JsonNode;

/**
 * One organization with 100,000 users, and the latency of the administrator's calls
 * against the running service. Sets the organization up through the public API (sign-up, primary
 * email verified from the local mailbox, chief operator enrolled with TOTP, roles), seeds the users
 * with JDBC ({@link LargeOrganizationSeed}), then times each call sequentially over HTTP after a
 * warm-up and prints p50/p95/p99/max. Run by {@code bench/large-org.sh}.
 *
 * <p>Arguments: {@code base-url jdbc-url mailbox-folder [users] [warm-up] [timed]}.
 */
public final class LargeOrganization {

	static final String PASSWORD = "large organization chief password";

	private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_\\-]+)");

	private final Api http;
	private final Console console;
	private final String jdbcUrl;
	private final Path mailbox;
	private final int users;
	private final int warmUp;
	private final int timed;
	private final List<LargeTimings> results = new ArrayList<>();
	private String slug;
	private String email;
	private String token;
	private String secret;

	LargeOrganization(String base, String jdbcUrl, Path mailbox, int users, int warmUp, int timed) {
		int port = URI.create(base).getPort();
		this.http = new Api(() -> port);
		this.console = new Console(port);
		this.jdbcUrl = jdbcUrl;
		this.mailbox = mailbox;
		this.users = users;
		this.warmUp = warmUp;
		this.timed = timed;
	}

	public static void main(String[] args) throws Exception {
		new LargeOrganization(args[0], args[1], Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 100_000,
				args.length > 4 ? Integer.parseInt(args[4]) : 50, args.length > 5 ? Integer.parseInt(args[5]) : 200)
			.run();
	}

	void run() throws Exception {
		UUID org = signUp();
		Map<String, JsonNode> roles = roles();
		List<LargeOrganizationSeed.Share> shares = shares(roles);
		LargeOrganizationSeed.Seeded seeded = new LargeOrganizationSeed(jdbcUrl, org).seed(shares);
		System.out.printf("seeded %,d users in %,d ms: %,d invited, %,d disabled, %,d without an authenticator "
				+ "(%,d of them exempt), %,d with one device, %,d with a backup device; %,d authenticator rows, "
				+ "%,d recovery-code rows%n", seeded.users(), seeded.millis(), seeded.invited(), seeded.disabled(),
				seeded.withoutAuthenticator(), seeded.exempt(), seeded.oneDevice(), seeded.backupDevice(),
				seeded.authenticatorRows(), seeded.recoveryCodeRows());
		System.out.println("seeded users share one Argon2id password hash; their authenticator secrets and recovery-code "
				+ "hashes are placeholders (they never pass a second factor); the load ends with VACUUM ANALYZE and "
				+ "CHECKPOINT, as autovacuum and the checkpointer would have done long before in a real deployment");
		for (LargeOrganizationSeed.Share s : shares) {
			System.out.printf("  role %-14s requireMfa=%-5s %,7d seeded members%n", s.name(), s.requireMfa(), s.members());
		}
		consoleSignIn();
		measure(id(roles, "Field staff"), id(roles, "Auditors"));
		System.out.println();
		System.out.printf("%-52s %5s %8s %8s %8s %8s   %s%n", "call (ms)", "n", "p50", "p95", "p99", "max", "answer");
		results.forEach(r -> System.out.println(r.line()));
	}

	// --- set-up through the public API ---

	private UUID signUp() throws Exception {
		slug = "bigcorp-" + UUID.randomUUID().toString().substring(0, 8);
		email = "chief@" + slug + ".example";
		JsonNode created = http.post("/organizations", Map.of("name", "Bigcorp " + slug, "slug", slug, "ownerName",
				"Chief Operator", "ownerEmail", email, "ownerPassword", PASSWORD)).expect(201).json();
		http.post("/organizations/verify-email", Map.of("token", mailedToken(email))).expect(204);
		JsonNode login = http.post("/login", Map.of("organization", slug, "email", email, "password", PASSWORD))
			.expect(200).json();
		String loginToken = login.path("loginToken").asString();
		secret = http.post("/login/enrollment", Map.of("loginToken", loginToken)).expect(200).text("secret");
		token = http.post("/login/enrollment/confirm", Map.of("loginToken", loginToken, "code", freshCode(), "label",
				"Bench phone")).expect(200).text("accessToken");
		return UUID.fromString(created.path("organizationId").asString());
	}

	/** The token of the verification link mailed to {@code to} (the outbox delivers within seconds). */
	private String mailedToken(String to) throws Exception {
		long deadline = System.currentTimeMillis() + 60_000;
		while (System.currentTimeMillis() < deadline) {
			if (Files.isDirectory(mailbox)) {
				try (Stream<Path> files = Files.list(mailbox)) {
					for (Path file : files.toList()) {
						String text = Files.readString(file);
						Matcher m = TOKEN.matcher(text);
						if (text.contains("To: " + to) && m.find()) {
							return m.group(1);
						}
					}
				}
			}
			Thread.sleep(200);
		}
		throw new IOException("no verification email for " + to + " in " + mailbox);
	}

	private Map<String, JsonNode> roles() {
		http.post("/roles", Map.of("name", "Field staff", "permissions", List.of(), "requireMfa", true), token)
			.expect(201);
		http.post("/roles", Map.of("name", "Contractors", "permissions", List.of(), "requireMfa", false), token)
			.expect(201);
		http.post("/roles", Map.of("name", "Auditors", "permissions", List.of("users.read"), "requireMfa", true), token)
			.expect(201);
		Map<String, JsonNode> byName = new LinkedHashMap<>();
		http.get("/roles", token).expect(200).json().forEach(r -> byName.put(r.path("name").asString(), r));
		return byName;
	}

	private List<LargeOrganizationSeed.Share> shares(Map<String, JsonNode> roles) {
		int admins = 5;
		int auditors = 100;
		int field = users / 2;
		int employees = users / 5;
		int contractors = users / 10;
		int vendors = users / 20;
		int clients = users - admins - auditors - field - employees - contractors - vendors;
		return List.of(share(roles, "Administrator", admins, "EMPLOYEE"),
				share(roles, "Field staff", field, "EMPLOYEE", "EMPLOYEE", "EMPLOYEE", "VENDOR"),
				share(roles, "Employee", employees, "EMPLOYEE"),
				share(roles, "Contractors", contractors, "VENDOR", "VENDOR", "EMPLOYEE"),
				share(roles, "Vendor", vendors, "VENDOR"), share(roles, "Client", clients, "CLIENT"),
				share(roles, "Auditors", auditors, "EMPLOYEE", "VENDOR"));
	}

	private static LargeOrganizationSeed.Share share(Map<String, JsonNode> roles, String name, int members,
			String... kinds) {
		JsonNode role = roles.get(name);
		return new LargeOrganizationSeed.Share(id(roles, name), name, members, List.of(kinds),
				role.path("requireMfa").asBoolean());
	}

	private static UUID id(Map<String, JsonNode> roles, String name) {
		return UUID.fromString(roles.get(name).path("id").asString());
	}

	/** The chief operator signs in to the console (password, then TOTP) for the security page. */
	private void consoleSignIn() throws InterruptedException {
		console.get("/login").expect(200);
		console.post("/login", "organization", slug, "email", email, "password", PASSWORD).expect(302);
		console.get("/login/challenge").expect(200);
		console.post("/login/challenge", "code", freshCode()).expect(302);
		console.get("/security").expect(200);
	}

	/** A TOTP code of a step not used before: each step is accepted once per device. */
	private String freshCode() {
		return Codes.unused(secret);
	}

	// --- the measurements ---

	private void measure(UUID fieldStaff, UUID auditors) throws InterruptedException {
		String size = "&size=50";
		for (String mfa : List.of("none", "one", "backup", "no-backup", "recovery-codes-left", "recovery-codes-low")) {
			list("user list mfa=" + mfa + ", first page", "/users?mfa=" + mfa + size);
			if (!mfa.equals("one") && !mfa.equals("recovery-codes-left")) {
				list("user list mfa=" + mfa + ", page at 90%", deep("/users?mfa=" + mfa + size));
			}
		}
		list("user list role=Field staff, first page", "/users?roleId=" + fieldStaff + size);
		list("user list role=Field staff, page at 90%", deep("/users?roleId=" + fieldStaff + size));
		list("user list role=Auditors, first page", "/users?roleId=" + auditors + size);
		list("user list unfiltered, page at 90%", deep("/users?" + size.substring(1)));
		list("user search q=nakamura, first page", "/users?q=nakamura" + size);
		list("user search q=nakamura, page at 90%", deep("/users?q=nakamura" + size));
		list("user search q=a (nearly all), first page", "/users?q=a" + size);
		time("GET /organization/security", () -> http.get("/organization/security", token).expect(200),
				a -> a.json().path("usersWithoutBackupDevice").asString() + " without backup");
		time("GET /security (console page)", () -> console.get("/security").expect(200), a -> a.body().length() + " chars");
		time("GET /roles/{Field staff}/mfa-impact", () -> http.get("/roles/" + fieldStaff + "/mfa-impact", token)
			.expect(200), a -> a.json().path("members").asString() + " members");
		toggle("PATCH role requireMfa, Field staff", fieldStaff);
		toggle("PATCH role requireMfa, Auditors", auditors);
	}

	/** The one-minute load average of the machine, shared with others: context for outliers. */
	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private String deep(String path) {
		long total = http.get(path, token).expect(200).json().path("total").asLong();
		long page = total * 9 / 10 / 50;
		return path + "&page=" + page;
	}

	private void list(String name, String path) {
		System.out.println("GET /api/v1" + path);
		time(name, () -> http.get(path, token)
			.expect(200), a -> "total " + a.json().path("total").asString() + ", " + a.json().path("items").size()
					+ " items");
	}

	/** Switches the requirement off and on again; each PATCH is one sample. */
	private void toggle(String name, UUID role) throws InterruptedException {
		http.post("/me/step-up", Map.of("code", freshCode()), token).expect(204);
		boolean[] on = { true };
		time(name, () -> {
			on[0] = !on[0];
			return http.patch("/roles/" + role, Map.of("requireMfa", on[0], "reason", "bench: switch " + on[0]), token)
				.expect(200);
		}, a -> "requireMfa " + a.json().path("requireMfa").asString());
		if (!on[0]) {
			http.patch("/roles/" + role, Map.of("requireMfa", true, "reason", "bench: restore"), token).expect(200);
		}
	}

	private <T> void time(String name, Supplier<T> call, Function<T, String> describe) {
		T answer = call.get();
		for (int i = 1; i < warmUp; i++) {
			call.get();
		}
		long[] nanos = new long[timed];
		for (int i = 0; i < timed; i++) {
			long started = System.nanoTime();
			answer = call.get();
			nanos[i] = System.nanoTime() - started;
		}
		LargeTimings result = new LargeTimings(name, nanos, describe.apply(answer) + ", load " + loadAverage());
		System.out.println(result.line());
		results.add(result);
	}

}
