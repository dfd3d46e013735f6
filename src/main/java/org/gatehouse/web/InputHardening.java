package org.gatehouse.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.gatehouse.shared.Problem;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.http.converter.ResourceRegionHttpMessageConverter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Strictness at the edge: the API reads and writes JSON only, JSON with duplicated keys or values of
 * the wrong type is refused rather than guessed at, and requests the firewall or the server refuses
 * still get a problem response.
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
			// an empty or blank string (spaces, control characters) is not read as "not given" either
			.withCoercionConfig(LogicalType.Boolean, config -> config
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
				.setAcceptBlankAsEmpty(false)
				.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Integer, config -> config
				.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
				.setAcceptBlankAsEmpty(false)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
	}

	/**
	 * One parser for request bodies: the strict JSON one above. Spring registers a converter for every format whose
	 * library is on the class path, and the OpenAPI documentation brings Jackson 2 with YAML: without this, a body sent
	 * as {@code application/yaml} was read by Jackson 2, past the strictness above, and any answer could be asked for
	 * as YAML. Runs after Spring Boot's customizer (which adds the JSON and text converters) and keeps only those, raw
	 * bytes (the inbound-mail gateway) and resources; everything else gets 415 or 406.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer jsonOnly() {
		return builder -> builder.disableDefaults()
			.addCustomConverter(new ByteArrayHttpMessageConverter())
			.addCustomConverter(new ResourceHttpMessageConverter())
			.addCustomConverter(new ResourceRegionHttpMessageConverter());
	}

	/** Requests the firewall rejects (encoded dots and slashes, ...) answer with a problem, not an error page. */
	@Bean
	RequestRejectedHandler rejectedAsProblem() {
		return (request, response, ex) -> ProblemResponses.write(response, Problem.INVALID_INPUT,
				"The request path is not acceptable.", null);
	}

	/** Encoded slashes reach the firewall (which refuses them with a problem) instead of Tomcat's error page. */
	@Bean
	TomcatConnectorCustomizer encodedSlashesToTheFirewall() {
		return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
	}

}
