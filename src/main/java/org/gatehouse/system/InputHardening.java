package org.gatehouse.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.gatehouse.shared.Problem;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Strictness at the edge: JSON with duplicated keys or values of the wrong type is refused rather
 * than guessed at, and requests the firewall or the server refuses still get a problem response.
 */
@Configuration(proxyBeanMethods = false)
class InputHardening {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual, config -> config
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, config -> config
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer, config -> config
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
	}

	/** Requests the firewall rejects (encoded dots and slashes, ...) answer with a problem, not an error page. */
	@Bean
	RequestRejectedHandler rejectedAsProblem() {
		return (request, response, ex) -> write(response, Problem.INVALID_INPUT, "The request path is not acceptable.");
	}

	/** Encoded slashes reach the firewall (which refuses them with a problem) instead of Tomcat's error page. */
	@Bean
	TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
		return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}

	static void write(HttpServletResponse response, Problem problem, String detail) throws IOException {
		response.setStatus(problem.status());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write("{\"type\":\"" + problem.typeUri() + "\",\"title\":\"" + problem.title()
				+ "\",\"status\":" + problem.status() + ",\"detail\":\"" + detail + "\"}");
	}

}
