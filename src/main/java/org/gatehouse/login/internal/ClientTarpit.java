package org.gatehouse.login.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.Problem;
import org.gatehouse.web.ProblemResponses;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a client that {@link ClientThrottle} refuses before anything else runs, and only after
 * a delay during which no request thread is held. A sprayer that waits for its answers (as
 * HTTP clients do) is slowed to a few attempts per connection per second, so the refusals
 * themselves cannot take the processors that legitimate sign-ins need. The API's password step
 * gets its 429 problem; the console's sign-in form is sent back, after the same delay, to the
 * sign-in page with the refusal ({@code 303 /login?throttled}), its CSRF token and password never
 * looked at. Both go through the same throttle in {@link PasswordSignIn} when under the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ClientTarpit extends OncePerRequestFilter implements DisposableBean {

	static final String PATH = "/api/v1/login";

	static final String CONSOLE_PATH = "/login";

	/** Where a refused console sign-in is sent: the sign-in page, showing the refusal. */
	static final String CONSOLE_REFUSED = "/login?throttled";

	private final ClientThrottle clients;

	private final Duration delay;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "client-tarpit");
		thread.setDaemon(true);
		return thread;
	});

	ClientTarpit(ClientThrottle clients, @Value("${gatehouse.sign-in.tarpit:1s}") Duration delay) {
		this.clients = clients;
		this.delay = delay;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		return !("POST".equals(request.getMethod()) && (PATH.equals(path) || CONSOLE_PATH.equals(path)));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Duration wait = this.clients.refusal(request.getRemoteAddr());
		if (wait == null || !request.isAsyncSupported()) {
			chain.doFilter(request, response);
			return;
		}
		AsyncContext async = request.startAsync();
		async.setTimeout(this.delay.toMillis() + 10_000);
		boolean console = CONSOLE_PATH.equals(path(request));
		String consoleRefused = request.getContextPath() + CONSOLE_REFUSED;
		this.timer.schedule(() -> refuse(async, wait.minus(this.delay), console ? consoleRefused : null),
				this.delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/** The API's 429 problem, or the console's redirect to {@code consoleRefused} when there is one. */
	private static void refuse(AsyncContext async, Duration stillRefused, String consoleRefused) {
		try {
			HttpServletResponse response = (HttpServletResponse) async.getResponse();
			response.setHeader("Cache-Control", "no-store");
			long retryAfter = Math.max(1, stillRefused.toSeconds());
			if (consoleRefused != null) {
				response.setStatus(HttpServletResponse.SC_SEE_OTHER);
				response.setHeader("Location", consoleRefused);
				response.setHeader("Retry-After", Long.toString(retryAfter));
			}
			else {
				ProblemResponses.write(response, Problem.THROTTLED, ClientThrottle.REFUSAL, retryAfter, PATH);
			}
		}
		catch (IOException | IllegalStateException gone) {
			// the client hung up meanwhile
		}
		finally {
			try {
				async.complete();
			}
			catch (IllegalStateException alreadyDone) {
				// timed out or completed by the container
			}
		}
	}

	@Override
	public void destroy() {
		this.timer.shutdownNow();
	}

}
