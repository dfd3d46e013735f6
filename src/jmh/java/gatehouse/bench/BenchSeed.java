package gatehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import org.gatehouse.support.Api;

import static org.gatehouse.support.Api.json;

/**
 * The benchmark's organization, made through the public API exactly as people would make it:
 * sign-up and email verification, a role that requires MFA, invitations accepted with a
 * password, and each user's first sign-in enrolling a TOTP authenticator whose secret the
 * driver keeps. The result is written to a state file so that later runs against the same
 * database reuse it.
 */
record BenchSeed(String slug, Person chief, List<Person> users) {

	static final String PASSWORD = "correct horse battery staple";

	private static final Pattern LINK_TOKEN = Pattern.compile("https?://[^\\s\"'<>]*[?&]token=([^\\s\"'<>&]+)");

	record Person(String email, String secret) {
	}

	static BenchSeed loadOrCreate(Path state, Api api, GreenMail mail, int count, int parallelism) throws Exception {
		if (Files.exists(state)) {
			BenchSeed seed = read(state);
			if (seed.users().size() >= count) {
				System.out.printf("seed: %d users of organization %s from %s%n", seed.users().size(), seed.slug(), state);
				return new BenchSeed(seed.slug(), seed.chief(), seed.users().subList(0, count));
			}
		}
		long started = System.nanoTime();
		BenchSeed seed = create(api, mail, count, parallelism);
		seed.write(state);
		System.out.printf("seed: %d users made through the API in %.0f s, kept in %s%n", count,
				(System.nanoTime() - started) / 1e9, state);
		return seed;
	}

	private static BenchSeed create(Api api, GreenMail mail, int count, int parallelism) throws Exception {
		String slug = "bench-" + Long.toString(System.currentTimeMillis(), 36);
		String chiefEmail = "chief@" + slug + ".example.test";
		api.post("/organizations", json("name", "Benchmark " + slug, "slug", slug, "ownerName", "Chief Operator",
				"ownerEmail", chiefEmail, "ownerPassword", PASSWORD)).expect(201);
		api.post("/organizations/verify-email", json("token", tokens(mail, Set.of(chiefEmail)).get(chiefEmail))).expect(204);
		Person chief = enroll(api, slug, chiefEmail);
		String admin = signIn(api, slug, chief);
		String roleId = api.post("/roles", json("name", "Operators", "permissions", List.of(), "requireMfa", true), admin)
			.expect(201).text("id");
		ExecutorService pool = Executors.newFixedThreadPool(parallelism);
		try {
			List<String> emails = new ArrayList<>();
			List<Future<?>> invited = new ArrayList<>();
			String[] kinds = { "EMPLOYEE", "VENDOR", "CLIENT" };
			for (int i = 0; i < count; i++) {
				String email = "user" + i + "@" + slug + ".example.test";
				String kind = kinds[i % kinds.length];
				emails.add(email);
				String name = "Bench User " + i;
				invited.add(pool.submit(() -> api.post("/users", json("email", email, "name", name, "kind", kind,
						"roleId", roleId), admin).expect(201)));
			}
			for (Future<?> f : invited) {
				f.get();
			}
			Map<String, String> invitations = tokens(mail, new HashSet<>(emails));
			List<Future<Person>> enrolled = new ArrayList<>();
			for (String email : emails) {
				enrolled.add(pool.submit(() -> {
					String token = invitations.get(email);
					Api.Response accepted = api.post("/invitations/accept", json("token", token, "password", PASSWORD));
					if (accepted.status() != 204) {
						System.out.printf("seed: accepting %s's invitation (token of %d characters) answered %d; its mails: %s%n",
								email, token.length(), accepted.status(), bodies(mail, email));
						accepted.expect(204);
					}
					return enroll(api, slug, email);
				}));
			}
			List<Person> users = new ArrayList<>();
			for (Future<Person> f : enrolled) {
				users.add(f.get());
			}
			return new BenchSeed(slug, chief, users);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** The first sign-in of someone who owes an enrollment: password, new authenticator, its first code. */
	private static Person enroll(Api api, String slug, String email) {
		Api.Response password = api.post("/login", json("organization", slug, "email", email, "password", PASSWORD))
			.expect(200);
		if (!"MFA_ENROLLMENT".equals(password.text("next"))) {
			throw new IllegalStateException("expected an enrollment to be owed: " + password);
		}
		String loginToken = password.text("loginToken");
		String secret = api.post("/login/enrollment", json("loginToken", loginToken)).expect(200).text("secret");
		Person person = new Person(email, secret);
		api.post("/login/enrollment/confirm", json("loginToken", loginToken, "code", Codes.current(secret), "label",
				"Phone")).expect(200);
		return person;
	}

	/** A complete sign-in of the chief operator, for the administrative calls; waits for a step of its own. */
	static String signIn(Api api, String slug, Person person) {
		String loginToken = api.post("/login", json("organization", slug, "email", person.email(), "password", PASSWORD))
			.expect(200).text("loginToken");
		return api.post("/login/mfa", json("loginToken", loginToken, "code", Codes.unused(person.secret())))
			.expect(200).text("accessToken");
	}

	/** Waits until a message with a link has come for each of {@code recipients}; the link's token by recipient. */
	private static Map<String, String> tokens(GreenMail mail, Collection<String> recipients) throws MessagingException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		Map<String, String> tokens = new HashMap<>();
		int read = 0;
		while (!tokens.keySet().containsAll(recipients)) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("only " + tokens.size() + " of " + recipients.size() + " links arrived");
			}
			sleep(100);
			Message[] received = mail.getReceivedMessages();
			for (; read < received.length; read++) {
				Matcher link = LINK_TOKEN.matcher(text(received[read]));
				String to = ((InternetAddress) received[read].getAllRecipients()[0]).getAddress();
				if (recipients.contains(to) && link.find()) {
					tokens.put(to, URLDecoder.decode(link.group(1), StandardCharsets.UTF_8));
				}
			}
		}
		return tokens;
	}

	/**
	 * The message's text with its transfer encoding undone by Jakarta Mail. (Undoing quoted-printable by hand here once
	 * turned a plain {@code token=3D...} into {@code token=...}: about one token in 4,096 starts with "3D", and that
	 * user's invitation was refused as unknown.)
	 */
	private static String text(Message message) throws MessagingException {
		try {
			return message.getContent() instanceof String text ? text : GreenMailUtil.getBody(message);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The mails that came for {@code recipient}, their link tokens redacted. */
	private static List<String> bodies(GreenMail mail, String recipient) {
		List<String> bodies = new ArrayList<>();
		for (Message message : mail.getReceivedMessages()) {
			try {
				if (((InternetAddress) message.getAllRecipients()[0]).getAddress().equals(recipient)) {
					// the links' tokens are secrets: redacted
					bodies.add(GreenMailUtil.getBody(message).replaceAll("token(=|=3D)[^\\s\"'<>&]+", "token=<redacted>"));
				}
			}
			catch (MessagingException ex) {
				bodies.add(ex.toString());
			}
		}
		return bodies;
	}

	private static BenchSeed read(Path state) {
		try {
			List<String> lines = Files.readAllLines(state);
			String slug = lines.get(0);
			List<Person> people = lines.subList(1, lines.size()).stream().map(line -> line.split("\t"))
				.map(f -> new Person(f[0], f[1])).toList();
			return new BenchSeed(slug, people.get(0), people.subList(1, people.size()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Slug, then the chief operator, then the users: email and base32 secret, tab-separated (owner-only file). */
	private void write(Path state) throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add(this.slug);
		lines.add(this.chief.email() + "\t" + this.chief.secret());
		this.users.forEach(u -> lines.add(u.email() + "\t" + u.secret()));
		Files.createDirectories(state.toAbsolutePath().getParent());
		Files.write(state, lines);
		state.toFile().setReadable(false, false);
		state.toFile().setReadable(true, true);
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
