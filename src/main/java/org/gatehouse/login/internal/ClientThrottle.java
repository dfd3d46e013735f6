package org.gatehouse.login.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.gatehouse.shared.Problem;
import org.gatehouse.shared.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps one client that sprays wrong passwords at many accounts from taking the service's
 * capacity: after 20 (configurable) failed sign-ins from one address within a minute, its further attempts are
 * refused before any password is hashed, until the minute is over. Attempts that {@link PasswordThrottle}
 * refuses count as failures too: otherwise a client could knock on throttled accounts for ever at the
 * cost of a database read each. Per node and in memory: it protects this node's processors, while the
 * throttle in the database protects accounts.
 */
@Component
public class ClientThrottle {

	static final Duration WINDOW = Duration.ofMinutes(1);
	static final int MAX_TRACKED = 100_000;

	private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
	private final int failuresPerWindow;
	private final Clock clock;

	ClientThrottle(@Value("${gatehouse.sign-in.client-failures-per-minute:20}") int failuresPerWindow, Clock clock) {
		if (failuresPerWindow < 1) {
			throw new IllegalArgumentException("gatehouse.sign-in.client-failures-per-minute must be at least 1");
		}
		this.failuresPerWindow = failuresPerWindow;
		this.clock = clock;
	}

	private record Window(Instant start, AtomicInteger failures) {
	}

	public static final String REFUSAL = "Too many failed sign-ins from your network. Try again shortly.";

	public void check(String client) {
		Duration wait = refusal(client);
		if (wait != null) {
			throw new ProblemException(Problem.THROTTLED, REFUSAL, wait);
		}
	}

	/** How long this client's attempts are still refused, or null when they are not. */
	Duration refusal(String client) {
		Window window = windows.get(client);
		Instant now = clock.instant();
		if (window != null && now.isBefore(window.start().plus(WINDOW))
				&& window.failures().get() >= failuresPerWindow) {
			return Duration.between(now, window.start().plus(WINDOW));
		}
		return null;
	}

	public void failed(String client) {
		Instant now = clock.instant();
		if (windows.size() > MAX_TRACKED) {
			windows.entrySet().removeIf(e -> !now.isBefore(e.getValue().start().plus(WINDOW)));
		}
		windows.compute(client, (key, window) -> window == null || !now.isBefore(window.start().plus(WINDOW))
				? new Window(now, new AtomicInteger(1)) : increment(window));
	}

	private static Window increment(Window window) {
		window.failures().incrementAndGet();
		return window;
	}

}
