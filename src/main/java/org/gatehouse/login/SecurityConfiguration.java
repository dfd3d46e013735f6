package org.gatehouse.login;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.login.internal.ApiTokens;
import org.gatehouse.login.internal.BearerTokenFilter;
import org.gatehouse.login.internal.ConsoleSessionFilter;
import org.gatehouse.login.internal.GatehouseAuthentication;
import org.gatehouse.login.internal.SessionCookie;
import org.gatehouse.login.internal.SessionIds;
import org.gatehouse.shared.Problem;
import org.gatehouse.web.ProblemResponses;
import org.gatehouse.web.SecurityHeaders;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Two filter chains: the API (bearer tokens, no cookies, no CSRF) and the console (server-side
 * sessions with CSRF protection). In both, only a finished sign-in passes beyond the public
 * entry points; a half-finished one reaches only its challenge or enrollment. The response policies
 * are set before either chain runs (system.SecurityHeaders).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration implements WebMvcConfigurer {

	static final String[] PUBLIC_API = { "/api/v1/organizations", "/api/v1/organizations/verify-email",
			"/api/v1/login", "/api/v1/login/**", "/api/v1/invitations/accept", "/api/v1/support/**",
			"/api/v1/help/**", "/api/v1/authenticators/report" };

	static final String[] PUBLIC_PAGES = { "/", "/signup", "/login", "/login/**", "/logout", "/verify-email", "/invitation",
			"/help/**", "/support/**", "/platform/login", "/report-device", "/css/**", "/favicon.ico", "/error",
			"/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html" };

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, SignInPolicy policy) throws Exception {
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.addFilterBefore(new BearerTokenFilter(tokens, policy), AuthorizationFilter.class)
			.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_API).permitAll()
				.anyRequest().hasAuthority(GatehouseAuthentication.SIGNED_IN))
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> ProblemResponses.write(res, Problem.UNAUTHENTICATED,
						"Sign in first: send Authorization: Bearer <accessToken>.", null))
				.accessDeniedHandler((req, res, ex) -> ProblemResponses.write(res, Problem.MFA_REQUIRED,
						"Your sign-in owes the second factor your account or role requires: sign in again.", null)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain console(HttpSecurity http, SignInPolicy policy) throws Exception {
		http.securityContext(context -> context.requireExplicitSave(true))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.requestCache(cache -> cache.disable())
			.addFilterBefore(new ConsoleSessionFilter(policy), AuthorizationFilter.class)
			.authorizeHttpRequests(auth -> auth.requestMatchers(PUBLIC_PAGES).permitAll()
				.anyRequest().hasAuthority(GatehouseAuthentication.SIGNED_IN))
			.exceptionHandling(e -> e
				.authenticationEntryPoint((req, res, ex) -> res.sendRedirect("/login"))
				.accessDeniedHandler((req, res, ex) -> {
					if (ex instanceof CsrfException) {
						res.sendError(403, "The form expired or did not come from this site. Reload the page and try again.");
					}
					else {
						pendingRedirect(req, res);
					}
				}));
		return http.build();
	}

	/**
	 * No observations of Spring Security's own: they time every filter of every request, which costs
	 * the sign-in path about a tenth of its processor time outside the password hash (a JFR profile of bench/run.sh),
	 * while each request is still timed once as http.server.requests and sign-in outcomes are counted
	 * by the service's own meters.
	 */
	@Bean
	static SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/** Session ids of 216 random bits, instead of the default UUID's 122. */
	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionIds() {
		return repository -> repository.setSessionIdGenerator(SessionIds::next);
	}

	/** Secure and {@code __Host-}-prefixed on every https request, also behind a TLS proxy. */
	@Bean
	SessionCookie sessionCookie(@Value("${gatehouse.secure-cookies:false}") boolean alwaysSecure) {
		return new SessionCookie(alwaysSecure);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CurrentActor());
	}

	private static void pendingRedirect(HttpServletRequest req, HttpServletResponse res) throws IOException {
		if (SecurityContextHolder.getContext().getAuthentication() instanceof GatehouseAuthentication auth) {
			switch (auth.stage()) {
				case MFA_CHALLENGE -> res.sendRedirect("/login/challenge");
				case MFA_ENROLLMENT -> res.sendRedirect("/login/enroll");
				case DONE -> res.sendError(403);
			}
			return;
		}
		res.sendRedirect("/login");
	}

}
