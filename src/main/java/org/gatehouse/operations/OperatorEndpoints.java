package org.gatehouse.operations;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.gatehouse.shared.Problem;
import org.gatehouse.web.ProblemResponses;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The actuator is the operator's: metrics count sign-ins, tickets and mail, and anyone who could read
 * them could watch a counter move after their own request and learn whether an organization or an
 * address exists. So only the bare health status (UP or DOWN, for load balancers) is public; every
 * other actuator endpoint needs {@code Authorization: Bearer <gatehouse.metrics.token>}, and answers
 * 404 while no token is set. Its own filter chain, ahead of the console's, so no session or sign-in
 * ever reaches it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OperatorEndpoints {

	private static final String BEARER = "Bearer ";

	@Bean
	@Order(0)
	SecurityFilterChain actuator(HttpSecurity http, MetricsSettings settings) throws Exception {
		http.securityMatcher("/actuator", "/actuator/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(context -> context.requireExplicitSave(true))
			.formLogin(form -> form.disable())
			.httpBasic(basic -> basic.disable())
			.logout(logout -> logout.disable())
			.authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
				.anyRequest().access((authentication, context) -> new AuthorizationDecision(
						settings.accepts(token(context.getRequest())))))
			.exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> refuse(res, settings))
				.accessDeniedHandler((req, res, ex) -> refuse(res, settings)));
		return http.build();
	}

	private static String token(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
				? header.substring(BEARER.length()).strip() : null;
	}

	private static void refuse(HttpServletResponse res, MetricsSettings settings) throws IOException {
		Problem problem = settings.enabled() ? Problem.UNAUTHENTICATED : Problem.NOT_FOUND;
		String detail = settings.enabled() ? "Send the operator's metrics token: Authorization: Bearer <token>."
				: "Not found.";
		if (settings.enabled()) {
			res.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gatehouse-operator\"");
		}
		ProblemResponses.write(res, problem, detail, null);
	}

}
